using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary><c>batchEndpoints</c>: CRUD and partial updates with LROs; AAD tokens only; <c>defaults.deploymentName</c>.</summary>
internal static class BatchEndpointRoutes
{
    public static void Map(RouteGroupBuilder workspace, WorkspaceState state, Python.PythonDeployments python)
    {
        workspace.MapGet("/batchEndpoints", (HttpRequest request) => state.Run(() =>
            Paging.Page(request, state.BatchEndpoints.Values.Select(e => e.Resource).ToList(), state.Options.PageSize)));

        workspace.MapGet("/batchEndpoints/{name}", (string name) => state.Run(() => ArmResult.Ok(Find(state, name).Resource)));

        workspace.MapPut("/batchEndpoints/{name}", async (HttpRequest request, string name) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => CreateOrUpdate(request, state, name, body));
        });

        workspace.MapDelete("/batchEndpoints/{name}", (HttpRequest request, string name) => state.Run(() =>
        {
            if (!state.BatchEndpoints.TryGetValue(name, out EndpointRecord? endpoint))
            {
                return new ArmResult(204);
            }
            // Its deployments go with it, and so do their model servers (Python workers).
            return Lifecycle.BeginDelete(request, state, endpoint, "batch endpoint", OperationKinds.BatchEndpoint, () =>
            {
                state.BatchEndpoints.Remove(name);
                foreach (string deployment in endpoint.Deployments.Keys)
                {
                    python.Stop(Python.PythonDeployments.BatchKey(endpoint.Name, deployment));
                }
            });
        }));

        // Batch endpoints authenticate with Azure AD tokens only, so they have no keys to list.
        workspace.MapPost("/batchEndpoints/{name}/listkeys", (string name) => state.Run(() =>
            ArmResult.Error(400, new ServiceError("UserError", $"Batch endpoint '{Find(state, name).Name}' authenticates with Azure AD tokens (AADToken) only; it has no keys."))));

        workspace.MapPatch("/batchEndpoints/{name}", async (HttpRequest request, string name) =>
        {
            JsonObject patch = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => MergePatch.Accepted(CreateOrUpdate(request, state, name, MergePatch.Apply(Find(state, name).Resource, patch, "tags", "identity"))));
        });
    }

    public static EndpointRecord Find(WorkspaceState state, string name) =>
        state.BatchEndpoints.TryGetValue(name, out EndpointRecord? endpoint)
            ? endpoint
            : throw OnlineEndpointRoutes.EndpointNotFound(state, name);

    private static ArmResult CreateOrUpdate(HttpRequest request, WorkspaceState state, string name, JsonObject body)
    {
        Rules.EndpointOrDeploymentName("endpoint", name);
        string location = Resources.Location(body);
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string? authMode = JsonBody.String(properties, "authMode");
        if (authMode is not null && !authMode.Equals("AADToken", StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"Batch endpoints support only AADToken authentication, not '{authMode}'.", "properties.authMode");
        }
        state.BatchEndpoints.TryGetValue(name, out EndpointRecord? existing);
        if (existing is null)
        {
            Rules.AvailableEndpointName(state, name, online: false);
        }
        OnlineEndpointRoutes.EnsureIdle(existing?.ActiveOperation, $"batch endpoint '{name}'");
        string? defaultDeployment = JsonBody.String(properties["defaults"] as JsonObject, "deploymentName");
        if (defaultDeployment is not null && existing?.Deployments.ContainsKey(defaultDeployment) != true)
        {
            throw ServiceException.BadRequest($"The default deployment '{defaultDeployment}' does not exist on batch endpoint '{name}'.", "properties.defaults.deploymentName");
        }

        string origin = $"{request.Scheme}://{request.Host}";
        JsonObject resource = Resources.New(state, $"/batchEndpoints/{name}", name, "batchEndpoints", existing?.Resource);
        resource["location"] = location;
        resource["tags"] = body["tags"]?.DeepClone() ?? new JsonObject();
        // The service records the endpoint's id and the api-version that created it, and names the scoring URI once the
        // endpoint is provisioned.
        var bag = properties["properties"]?.DeepClone() as JsonObject ?? [];
        bag["BatchEndpointCreationApiVersion"] = existing?.Properties["properties"]?["BatchEndpointCreationApiVersion"]?.DeepClone() ?? request.Query["api-version"].ToString();
        bag["azureml.onlineendpointid"] = $"{state.WorkspaceResourceId}/batchEndpoints/{name}";
        var stored = new JsonObject
        {
            ["properties"] = bag,
            ["authMode"] = "AADToken",
            ["defaults"] = new JsonObject { ["deploymentName"] = defaultDeployment },
            ["scoringUri"] = existing?.Properties["scoringUri"]?.DeepClone(),
            ["swaggerUri"] = null,
            ["provisioningState"] = existing is null ? "Creating" : "Updating",
        };
        Resources.CopyIfPresent(properties, stored, "description");
        resource["properties"] = stored;

        EndpointRecord endpoint = existing ?? new EndpointRecord(name, resource);
        endpoint.Resource = resource;
        state.BatchEndpoints[name] = endpoint;
        endpoint.ActiveOperation = state.StartOperation(OperationKinds.BatchEndpoint, name,
            onSucceeded: () =>
            {
                endpoint.Properties["provisioningState"] = "Succeeded";
                endpoint.Properties["scoringUri"] = $"{origin}/batchEndpoints/{name}/jobs";
            },
            onFailed: _ => endpoint.Properties["provisioningState"] = "Failed");
        // 201 for an update too, as the service answers (it is the PUT that starts an operation).
        return OperationUrls.Accepted(new ArmResult(201, resource.DeepClone()), request, state, endpoint.ActiveOperation);
    }
}
