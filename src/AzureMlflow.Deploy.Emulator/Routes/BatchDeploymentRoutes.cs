using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary><c>batchEndpoints/{ep}/deployments</c>: CRUD with LROs and the service's defaults and checks.</summary>
internal static class BatchDeploymentRoutes
{
    public static void Map(RouteGroupBuilder workspace, WorkspaceState state, Scoring.DeployedModels models, Scoring.CustomScorers scorers)
    {
        const string collection = "/batchEndpoints/{endpointName}/deployments";

        workspace.MapGet(collection, (HttpRequest request, string endpointName) => state.Run(() =>
            Paging.Page(request, BatchEndpointRoutes.Find(state, endpointName).Deployments.Values.Select(d => d.Resource).ToList(), state.Options.PageSize)));

        workspace.MapGet(collection + "/{name}", (string endpointName, string name) => state.Run(() =>
            ArmResult.Ok(Find(BatchEndpointRoutes.Find(state, endpointName), name).Resource)));

        async Task<ArmResult> PutAsync(HttpRequest request, string endpointName, string name, JsonObject body)
        {
            Scoring.ModelFiles? files = await DeploymentModelCheck.FilesAsync(state, models, scorers, JsonBody.String((body["properties"] as JsonObject)?["model"] as JsonObject, "assetId"), request.HttpContext.RequestAborted);
            Python.PythonStart? server = await DeploymentModelServer.StartBatchAsync(state, models, scorers, endpointName, name, body, files, request.HttpContext.RequestAborted);
            return state.Run(() => CreateOrUpdate(request, state, endpointName, name, body, files, server));
        }

        workspace.MapPut(collection + "/{name}", async (HttpRequest request, string endpointName, string name) =>
            await PutAsync(request, endpointName, name, await JsonBody.ReadObjectAsync(request)));

        // The spec's partial update of a batch deployment changes its tags and description.
        workspace.MapPatch(collection + "/{name}", async (HttpRequest request, string endpointName, string name) =>
        {
            JsonObject patch = await JsonBody.ReadObjectAsync(request);
            JsonObject merged = state.Run(() => MergePatch.Apply(Find(BatchEndpointRoutes.Find(state, endpointName), name).Resource, patch, "tags", "properties.description"));
            return MergePatch.Accepted(await PutAsync(request, endpointName, name, merged));
        });

        workspace.MapDelete(collection + "/{name}", (HttpRequest request, string endpointName, string name) => state.Run(() =>
        {
            if (!state.BatchEndpoints.TryGetValue(endpointName, out EndpointRecord? endpoint) || !endpoint.Deployments.TryGetValue(name, out DeploymentRecord? deployment))
            {
                return new ArmResult(204);
            }
            return Lifecycle.BeginDelete(request, state, deployment, "batch deployment", OperationKinds.BatchDeployment, () =>
            {
                endpoint.Deployments.Remove(name);
                models.Python.Stop(Python.PythonDeployments.BatchKey(endpointName, name));
            });
        }));
    }

    public static DeploymentRecord Find(EndpointRecord endpoint, string name) =>
        endpoint.Deployments.TryGetValue(name, out DeploymentRecord? deployment)
            ? deployment
            : throw ServiceException.NotFoundInner("DeploymentNotFound", $"A deployment with the name '{name}' does not exist on the batch endpoint '{endpoint.Name}'.");

    private static ArmResult CreateOrUpdate(HttpRequest request, WorkspaceState state, string endpointName, string name, JsonObject body, Scoring.ModelFiles? files, Python.PythonStart? server)
    {
        EndpointRecord endpoint = BatchEndpointRoutes.Find(state, endpointName);
        Rules.EndpointOrDeploymentName("deployment", name);
        string location = Resources.Location(body);
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string compute = JsonBody.String(properties, "compute") is { Length: > 0 } named
            ? named
            : throw ServiceException.BadRequest("'properties.compute' is required: batch deployments run on a compute cluster.", "properties.compute");
        ComputeRoutes.Referenced(state, compute, "properties.compute");
        string modelId = JsonBody.String(properties["model"] as JsonObject, "assetId") ?? throw ServiceException.BadRequest("'properties.model.assetId' is required.", "properties.model");
        AssetVersionRecord? model = ModelRoutes.FindById(state, modelId);
        bool isMlflow = string.Equals(JsonBody.String(model?.Properties, "modelType"), "mlflow_model", StringComparison.OrdinalIgnoreCase);
        if ((!isMlflow || properties["codeConfiguration"] is JsonObject) && string.IsNullOrWhiteSpace(JsonBody.String(properties, "environmentId")))
        {
            // The service's answer, also for an MLflow model with a scoring script (azure-sdk-for-python#30741).
            throw ServiceException.BadRequest("'Environment Id' must not be empty.", "properties.environmentId");
        }
        DeploymentAssetCheck.Check(state, properties);
        string outputAction = JsonBody.String(properties, "outputAction") ?? "AppendRow";
        if (outputAction.Equals("SummaryOnly", StringComparison.OrdinalIgnoreCase) && properties["outputFileName"] is not null)
        {
            throw ServiceException.BadRequest("An output file name cannot be set when the output action is SummaryOnly.", "properties.outputFileName");
        }

        endpoint.Deployments.TryGetValue(name, out DeploymentRecord? existing);
        OnlineEndpointRoutes.EnsureIdle(existing?.ActiveOperation, $"batch deployment '{name}'");
        JsonObject resource = Resources.New(state, $"/batchEndpoints/{endpoint.Name}/deployments/{name}", name, "batchEndpoints/deployments", existing?.Resource);
        resource["location"] = location;
        resource["tags"] = body["tags"]?.DeepClone() ?? new JsonObject();
        var stored = (JsonObject)properties.DeepClone();
        stored["properties"] ??= new JsonObject();
        stored["resources"] ??= new JsonObject { ["instanceCount"] = 1 };
        stored["miniBatchSize"] ??= 10;
        stored["maxConcurrencyPerInstance"] ??= 1;
        stored["outputAction"] = outputAction;
        if (!outputAction.Equals("SummaryOnly", StringComparison.OrdinalIgnoreCase))
        {
            stored["outputFileName"] ??= "predictions.csv";
        }
        stored["errorThreshold"] ??= -1;
        stored["retrySettings"] ??= new JsonObject { ["maxRetries"] = 3, ["timeout"] = "PT30S" };
        stored["loggingLevel"] ??= "Info";
        stored["environmentVariables"] ??= new JsonObject();
        stored["provisioningState"] = existing is null ? "Creating" : "Updating";
        resource["properties"] = stored;

        DeploymentRecord deployment = existing ?? new DeploymentRecord(name, resource);
        deployment.Resource = resource;
        endpoint.Deployments[name] = deployment;
        deployment.ActiveOperation = state.StartOperation(OperationKinds.BatchDeployment, name,
            onSucceeded: () => deployment.Properties["provisioningState"] = "Succeeded",
            onFailed: _ => deployment.Properties["provisioningState"] = "Failed",
            failure: DeploymentModelCheck.Failure(files, modelId, needsMlmodel: isMlflow && properties["codeConfiguration"] is null) ?? server?.Failure);
        // 201 for an update too, as the service answers (it is the PUT that starts an operation).
        return OperationUrls.Accepted(new ArmResult(201, resource.DeepClone()), request, state, deployment.ActiveOperation);
    }
}
