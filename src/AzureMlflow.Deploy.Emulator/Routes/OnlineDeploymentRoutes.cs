using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary><c>onlineEndpoints/{ep}/deployments</c>: CRUD with LROs, the service's checks on model and environment, and logs.</summary>
internal static class OnlineDeploymentRoutes
{
    public static void Map(RouteGroupBuilder workspace, WorkspaceState state, Scoring.DeployedModels models, Scoring.CustomScorers scorers)
    {
        const string collection = "/onlineEndpoints/{endpointName}/deployments";

        workspace.MapGet(collection, (HttpRequest request, string endpointName) => state.Run(() =>
            Paging.Page(request, OnlineEndpointRoutes.Find(state, endpointName).Deployments.Values.Select(d => Answer(d, request, state)).ToList(), state.Options.PageSize)));

        workspace.MapGet(collection + "/{name}", (HttpRequest request, string endpointName, string name) => state.Run(() =>
            ArmResult.Ok(Answer(Find(OnlineEndpointRoutes.Find(state, endpointName), name), request, state))));

        // The model's files are listed and its server started (a Python worker per instance) before the state lock is taken.
        async Task<ArmResult> PutAsync(HttpRequest request, string endpointName, string name, JsonObject body)
        {
            Scoring.ModelFiles? files = await DeploymentModelCheck.FilesAsync(state, models, scorers, JsonBody.String(body["properties"] as JsonObject, "model"), request.HttpContext.RequestAborted);
            Python.PythonStart? server = await DeploymentModelServer.StartOnlineAsync(state, models, scorers, endpointName, name, body, files, request.HttpContext.RequestAborted);
            return state.Run(() => CreateOrUpdate(request, state, endpointName, name, body, files, server));
        }

        workspace.MapPut(collection + "/{name}", async (HttpRequest request, string endpointName, string name) =>
            await PutAsync(request, endpointName, name, await JsonBody.ReadObjectAsync(request)));

        // A partial update (tags, instance count) is the PUT of the deployment as stored with the patch merged in.
        workspace.MapPatch(collection + "/{name}", async (HttpRequest request, string endpointName, string name) =>
        {
            JsonObject patch = await JsonBody.ReadObjectAsync(request);
            JsonObject merged = state.Run(() => MergePatch.Apply(Find(OnlineEndpointRoutes.Find(state, endpointName), name).Resource, patch, "tags", "sku"));
            return MergePatch.Accepted(await PutAsync(request, endpointName, name, merged));
        });

        workspace.MapGet(collection + "/{name}/skus", (HttpRequest request, string endpointName, string name) => state.Run(() =>
        {
            _ = Find(OnlineEndpointRoutes.Find(state, endpointName), name);
            return Paging.Page(request, [DeploymentSku()], state.Options.PageSize);
        }));

        workspace.MapDelete(collection + "/{name}", (HttpRequest request, string endpointName, string name) => state.Run(() => Delete(request, state, endpointName, name, models.Python)));

        workspace.MapPost(collection + "/{name}/getLogs", async (HttpRequest request, string endpointName, string name) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request, optional: true);
            return state.Run(() =>
            {
                DeploymentRecord deployment = Find(OnlineEndpointRoutes.Find(state, endpointName), name);
                DeploymentLogWriter.ServerOutput(deployment, models.Python.Drain(Python.PythonDeployments.Key(endpointName, name)), state.Now);
                string containerType = JsonBody.String(body, "containerType") ?? "InferenceServer";
                List<string> log = containerType.ToLowerInvariant() switch
                {
                    "inferenceserver" => deployment.InferenceServerLog,
                    "storageinitializer" => deployment.StorageInitializerLog,
                    _ => throw ServiceException.BadRequest("'containerType' must be InferenceServer or StorageInitializer.", "containerType"),
                };
                return ArmResult.Ok(new JsonObject { ["content"] = DeploymentLogWriter.Tail(log, JsonBody.Int(body, "tail")) });
            });
        });
    }

    /// <summary>
    /// What a managed deployment may scale to, as <c>skus</c> lists it: the one <c>Default</c> SKU, 1 to 20 instances
    /// (the per-deployment instance limit of managed online endpoints), scaled manually.
    /// </summary>
    private static JsonObject DeploymentSku() => new()
    {
        ["resourceType"] = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
        ["sku"] = new JsonObject { ["name"] = "Default", ["tier"] = "Standard" },
        ["capacity"] = new JsonObject { ["minimum"] = 1, ["maximum"] = 20, ["default"] = 1, ["scaleType"] = "Manual" },
    };

    private static DeploymentRecord Find(EndpointRecord endpoint, string name) =>
        endpoint.Deployments.TryGetValue(name, out DeploymentRecord? deployment)
            ? deployment
            : throw ServiceException.NotFoundInner("DeploymentNotFound", $"A deployment with the name '{name}' does not exist on the endpoint '{endpoint.Name}'.");

    private static ArmResult CreateOrUpdate(HttpRequest request, WorkspaceState state, string endpointName, string name, JsonObject body, Scoring.ModelFiles? files, Python.PythonStart? server)
    {
        EndpointRecord endpoint = OnlineEndpointRoutes.Find(state, endpointName);
        if (endpoint.Properties["provisioningState"]?.GetValue<string>() == "Deleting")
        {
            throw ServiceException.Conflict($"Endpoint '{endpointName}' is being deleted.");
        }
        Rules.EndpointOrDeploymentName("deployment", name);
        string location = Resources.Location(body);
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string computeType = JsonBody.String(properties, "endpointComputeType") ?? "Managed";
        string? endpointCompute = JsonBody.String(endpoint.Properties, "compute");
        bool kubernetes = computeType.Equals("Kubernetes", StringComparison.OrdinalIgnoreCase);
        if (!kubernetes && !computeType.Equals("Managed", StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"The emulator hosts managed and Kubernetes online deployments, not '{computeType}'.", "properties.endpointComputeType");
        }
        if (kubernetes != endpointCompute is not null)
        {
            throw ServiceException.BadRequest(
                $"A {(kubernetes ? "Kubernetes" : "managed")} deployment cannot be created on endpoint '{endpointName}', which is {(endpointCompute is null ? "managed" : "on a Kubernetes compute")}.",
                "properties.endpointComputeType");
        }
        string? instanceType = JsonBody.String(properties, "instanceType");
        if (kubernetes)
        {
            KubernetesInstanceType(state, endpointCompute!, instanceType);
        }
        else if (string.IsNullOrWhiteSpace(instanceType))
        {
            throw ServiceException.BadRequest("'properties.instanceType' is required for a managed online deployment.", "properties.instanceType");
        }
        int capacity = JsonBody.Int(body["sku"] as JsonObject, "capacity") ?? 1;
        if (capacity < 1)
        {
            throw ServiceException.BadRequest($"The instance count (sku.capacity) must be at least 1, but was {capacity}.", "sku.capacity");
        }
        string modelId = JsonBody.String(properties, "model") ?? throw ServiceException.BadRequest("'properties.model' is required.", "properties.model");
        AssetVersionRecord? model = ModelRoutes.FindById(state, modelId);
        bool isMlflow = string.Equals(JsonBody.String(model?.Properties, "modelType"), "mlflow_model", StringComparison.OrdinalIgnoreCase);
        bool hasEnvironment = !string.IsNullOrWhiteSpace(JsonBody.String(properties, "environmentId"));
        if (!isMlflow && properties["codeConfiguration"] is null)
        {
            // The service's answer to a non-MLflow model without a scoring script (azure-sdk-for-python#35387).
            throw new ServiceException(400, new ServiceError("BadRequest", "Could not find driver program in the request.", "properties.codeConfiguration",
                [new ServiceError("MissingDriverProgram", "Could not find driver program in the request.")]));
        }
        if (!isMlflow && !hasEnvironment)
        {
            throw ServiceException.BadRequest("An environment is required for a deployment whose model is not an MLflow model.", "properties.environmentId");
        }
        if (properties["codeConfiguration"] is JsonObject && !hasEnvironment)
        {
            throw ServiceException.BadRequest("A scoring script (codeConfiguration) needs an environment.", "properties.codeConfiguration");
        }
        DeploymentAssetCheck.Check(state, properties);

        endpoint.Deployments.TryGetValue(name, out DeploymentRecord? existing);
        OnlineEndpointRoutes.EnsureIdle(existing?.ActiveOperation, $"deployment '{name}'");

        JsonObject resource = Resources.New(state, $"/onlineEndpoints/{endpoint.Name}/deployments/{name}", name, "onlineEndpoints/deployments", existing?.Resource);
        resource["location"] = location;
        resource["tags"] = body["tags"]?.DeepClone() ?? new JsonObject();
        resource["kind"] = JsonBody.String(body, "kind") ?? (kubernetes ? null : "Managed");
        resource["sku"] = new JsonObject { ["name"] = JsonBody.String(body["sku"] as JsonObject, "name") ?? "Default", ["tier"] = "Standard", ["capacity"] = capacity };
        resource["properties"] = WithServiceDefaults(properties, existing is null ? "Creating" : "Updating", kubernetes);

        DeploymentRecord deployment = existing ?? new DeploymentRecord(name, resource);
        deployment.Resource = resource;
        endpoint.Deployments[name] = deployment;
        ServiceError? cannotLoad = DeploymentModelCheck.Failure(files, modelId, needsMlmodel: isMlflow && properties["codeConfiguration"] is null) ?? server?.Failure;
        DeploymentLogWriter.Started(deployment, endpoint.Name, modelId, JsonBody.String(model?.Properties, "modelUri"), files, cannotLoad, state.Now);
        DeploymentLogWriter.ServerOutput(deployment, server?.Log ?? [], state.Now);
        string? scriptPath = ScriptPath(state, properties);
        deployment.ActiveOperation = state.StartOperation(
            OperationKinds.OnlineDeployment, name,
            onSucceeded: () =>
            {
                deployment.Properties["provisioningState"] = "Succeeded";
                DeploymentLogWriter.Succeeded(deployment, modelId, isMlflow, scriptPath, state.Now);
            },
            onFailed: error =>
            {
                deployment.Properties["provisioningState"] = "Failed";
                DeploymentLogWriter.Failed(deployment, error, state.Now);
            },
            failure: cannotLoad);
        // 201 for an update too, as the service answers (it is the PUT that starts an operation).
        return OperationUrls.Accepted(new ArmResult(201, Answer(deployment, request, state)), request, state, deployment.ActiveOperation);
    }

    /// <summary>
    /// Where the scoring script runs from, as the inference server names it: the code asset's folder and the script
    /// (<c>onlinescoring/score.py</c>); null for a deployment without one.
    /// </summary>
    private static string? ScriptPath(WorkspaceState state, JsonObject properties)
    {
        if (properties["codeConfiguration"] is not JsonObject code || JsonBody.String(code, "scoringScript") is not { } script)
        {
            return null;
        }
        string? codeUri = JsonBody.String(AssetIds.Find(state, state.Codes, "codes", JsonBody.String(code, "codeId") ?? string.Empty, "a code", "codeId")?.Properties, "codeUri");
        string folder = codeUri?.TrimEnd('/').Split('/')[^1] is { Length: > 0 } last ? last : "code";
        return $"{folder}/{script}";
    }

    /// <summary>A Kubernetes deployment's instance type must be one its compute offers (none means the compute's default).</summary>
    private static void KubernetesInstanceType(WorkspaceState state, string computeId, string? instanceType)
    {
        string computeName = computeId[(computeId.LastIndexOf('/') + 1)..];
        ComputeRecord compute = ComputeRoutes.Find(state, computeName);
        var offered = (compute.Properties["properties"]?["instanceTypes"] as JsonObject)?.Select(t => t.Key).ToList() ?? [];
        if (instanceType is not null && !offered.Contains(instanceType, StringComparer.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest(
                $"Instance type '{instanceType}' is not defined on Kubernetes compute '{computeName}' (instance types: {string.Join(", ", offered)}).", "properties.instanceType");
        }
    }

    private static ArmResult Delete(HttpRequest request, WorkspaceState state, string endpointName, string name, Python.PythonDeployments python)
    {
        if (!state.Endpoints.TryGetValue(endpointName, out EndpointRecord? endpoint) || !endpoint.Deployments.TryGetValue(name, out DeploymentRecord? deployment))
        {
            return new ArmResult(204);
        }
        int live = JsonBody.IntMap(endpoint.Properties, "traffic").GetValueOrDefault(name);
        int mirrored = JsonBody.IntMap(endpoint.Properties, "mirrorTraffic").GetValueOrDefault(name);
        if (live > 0 || mirrored > 0)
        {
            throw ServiceException.BadRequest(
                $"Deployment '{name}' still receives {live}% live and {mirrored}% mirror traffic on endpoint '{endpointName}'. Set its traffic to 0 before deleting it.");
        }
        return Lifecycle.BeginDelete(request, state, deployment, "deployment", OperationKinds.OnlineDeployment, () =>
        {
            endpoint.Deployments.Remove(name);
            python.Stop(Python.PythonDeployments.Key(endpointName, name));
        });
    }

    /// <summary>The deployment properties as the service stores them: what was sent, with the documented defaults filled in.</summary>
    private static JsonObject WithServiceDefaults(JsonObject sent, string provisioningState, bool kubernetes)
    {
        var properties = (JsonObject)sent.DeepClone();
        properties["endpointComputeType"] = kubernetes ? "Kubernetes" : "Managed";
        properties["provisioningState"] = provisioningState;
        properties["properties"] ??= new JsonObject();
        properties.TryAdd("modelMountPath", null);
        properties.TryAdd("dataCollector", null);
        properties["appInsightsEnabled"] ??= false;
        if (!kubernetes)
        {
            properties["egressPublicNetworkAccess"] ??= "Enabled";
        }
        properties["scaleSettings"] ??= new JsonObject { ["scaleType"] = "Default" };
        properties["requestSettings"] = Merge(properties["requestSettings"] as JsonObject, new JsonObject
        {
            ["requestTimeout"] = "PT5S",
            ["maxConcurrentRequestsPerInstance"] = 1,
            ["maxQueueWait"] = "PT0.5S",
        });
        properties["livenessProbe"] = Merge(properties["livenessProbe"] as JsonObject, DefaultProbe());
        properties["readinessProbe"] = Merge(properties["readinessProbe"] as JsonObject, DefaultProbe());
        return properties;
    }

    /// <summary>
    /// The deployment as the service answers it: with its latest operation's URI, and shaped by the request's
    /// api-version (versions before 2023 have <c>privateNetworkConnection</c> where later ones have <c>dataCollector</c>).
    /// </summary>
    private static JsonObject Answer(DeploymentRecord deployment, HttpRequest request, WorkspaceState state)
    {
        JsonObject shaped = OperationUrls.WithOperationUri(deployment.Resource, deployment, request, state);
        if (string.CompareOrdinal(request.Query["api-version"].ToString(), "2023") < 0 && shaped["properties"] is JsonObject properties)
        {
            properties.Remove("dataCollector");
            properties["privateNetworkConnection"] = false;
        }
        return shaped;
    }

    private static JsonObject DefaultProbe() => new()
    {
        ["failureThreshold"] = 30,
        ["successThreshold"] = 1,
        ["timeout"] = "PT2S",
        ["period"] = "PT10S",
        ["initialDelay"] = "PT10S",
    };

    private static JsonObject Merge(JsonObject? sent, JsonObject defaults)
    {
        foreach ((string key, JsonNode? value) in sent ?? [])
        {
            if (value is not null)
            {
                defaults[key] = value.DeepClone();
            }
        }
        return defaults;
    }
}
