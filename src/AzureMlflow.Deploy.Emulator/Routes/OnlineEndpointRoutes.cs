using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary><c>onlineEndpoints</c>: CRUD and partial updates with LROs, keys, AML tokens and key regeneration.</summary>
internal static class OnlineEndpointRoutes
{
    private static readonly string[] AuthModes = ["Key", "AMLToken", "AADToken"];

    public static void Map(RouteGroupBuilder workspace, WorkspaceState state, Python.PythonDeployments python)
    {
        workspace.MapGet("/onlineEndpoints", (HttpRequest request) => state.Run(() =>
            Paging.Page(request, state.Endpoints.Values.Select(e => OperationUrls.WithOperationUri(e.Resource, e, request, state)).ToList(), state.Options.PageSize)));

        workspace.MapGet("/onlineEndpoints/{name}", (HttpRequest request, string name) => state.Run(() =>
        {
            EndpointRecord endpoint = Find(state, name);
            return ArmResult.Ok(OperationUrls.WithOperationUri(endpoint.Resource, endpoint, request, state));
        }));

        workspace.MapPut("/onlineEndpoints/{name}", async (HttpRequest request, string name) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => CreateOrUpdate(request, state, name, body));
        });

        workspace.MapPatch("/onlineEndpoints/{name}", async (HttpRequest request, string name) =>
        {
            JsonObject patch = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => MergePatch.Accepted(CreateOrUpdate(request, state, name, MergePatch.Apply(Find(state, name).Resource, patch, "tags", "identity"))));
        });

        workspace.MapDelete("/onlineEndpoints/{name}", (HttpRequest request, string name) => state.Run(() => Delete(request, state, name, python)));

        workspace.MapPost("/onlineEndpoints/{name}/listKeys", (string name) => state.Run(() =>
        {
            EndpointRecord endpoint = RequireAuthMode(Find(state, name), "Key", "listKeys");
            return ArmResult.Ok(new JsonObject { ["primaryKey"] = endpoint.PrimaryKey, ["secondaryKey"] = endpoint.SecondaryKey });
        }));

        workspace.MapPost("/onlineEndpoints/{name}/token", (string name) => state.Run(() =>
        {
            EndpointRecord endpoint = RequireAuthMode(Find(state, name), "AMLToken", "token");
            DateTimeOffset now = state.Now;
            string token = Secrets.NewToken();
            endpoint.IssuedTokens[token] = now.AddHours(1);
            return ArmResult.Ok(new JsonObject
            {
                ["accessToken"] = token,
                ["tokenType"] = "Bearer",
                ["expiryTimeUtc"] = now.AddHours(1).ToUnixTimeSeconds(),
                ["refreshAfterTimeUtc"] = now.AddMinutes(30).ToUnixTimeSeconds(),
            });
        }));

        workspace.MapPost("/onlineEndpoints/{name}/regenerateKeys", async (HttpRequest request, string name) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => RegenerateKeys(request, state, name, body));
        });
    }

    public static EndpointRecord Find(WorkspaceState state, string name) =>
        state.Endpoints.TryGetValue(name, out EndpointRecord? endpoint)
            ? endpoint
            : throw EndpointNotFound(state, name);

    /// <summary>The service's 404 for an online or batch endpoint that does not exist.</summary>
    public static ServiceException EndpointNotFound(WorkspaceState state, string name) => ServiceException.NotFoundInner("EndpointNotFound",
        $"An endpoint with the name '{name}' does not exist in the workspace '{state.Options.WorkspaceName}'. Please check the endpoint name and also ensure the current user has access to it.");

    /// <summary>Refuses a change while another operation on the same resource is still running, as the service does.</summary>
    public static void EnsureIdle(OperationRecord? active, string what)
    {
        if (active is { Settled: false })
        {
            throw ServiceException.Conflict($"There is an operation in progress on {what}. Wait for it to finish and try again.");
        }
    }

    private static ArmResult CreateOrUpdate(HttpRequest request, WorkspaceState state, string name, JsonObject body)
    {
        Rules.EndpointOrDeploymentName("endpoint", name);
        string location = Resources.Location(body);
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string authMode = AuthModes.FirstOrDefault(m => string.Equals(m, JsonBody.String(properties, "authMode"), StringComparison.OrdinalIgnoreCase))
            ?? throw ServiceException.BadRequest($"'properties.authMode' must be one of {string.Join(", ", AuthModes)}.", "properties.authMode");

        state.Endpoints.TryGetValue(name, out EndpointRecord? existing);
        if (existing is null)
        {
            Rules.AvailableEndpointName(state, name, online: true);
        }
        EnsureIdle(existing?.ActiveOperation, $"endpoint '{name}'");
        Dictionary<string, int> traffic = JsonBody.IntMap(properties, "traffic");
        Dictionary<string, int> mirror = JsonBody.IntMap(properties, "mirrorTraffic");
        Rules.Traffic(traffic, mirror, existing?.Deployments.Keys ?? (IReadOnlyCollection<string>)[]);
        // A Kubernetes endpoint names its attached compute; the compute must exist and be a Kubernetes one.
        string? compute = JsonBody.String(properties, "compute") is { Length: > 0 } named ? ComputeRoutes.Kubernetes(state, named, "properties.compute") : null;
        if (existing is not null && !string.Equals(compute, JsonBody.String(existing.Properties, "compute"), StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"The compute of endpoint '{name}' cannot change; delete and create the endpoint to move it.", "properties.compute");
        }

        string origin = $"{request.Scheme}://{request.Host}";
        var bag = properties["properties"]?.DeepClone() as JsonObject ?? [];
        bag["azureml.onlineendpointid"] = $"{state.WorkspaceResourceId}/onlineEndpoints/{name}".ToLowerInvariant(); // as the service records it
        JsonObject resource = Resources.New(state, $"/onlineEndpoints/{name}", name, "onlineEndpoints", existing?.Resource);
        resource["location"] = location;
        resource["tags"] = body["tags"]?.DeepClone() ?? new JsonObject();
        // Managed endpoints are recorded with kind "Managed"; what the service writes for Kubernetes ones is not recorded.
        resource["kind"] = JsonBody.String(body, "kind") ?? (compute is null ? "Managed" : null);
        resource["identity"] = Identity(body, existing);
        resource["properties"] = new JsonObject
        {
            ["properties"] = bag,
            ["authMode"] = authMode,
            ["traffic"] = ToJson(traffic),
            ["mirrorTraffic"] = ToJson(mirror),
            ["publicNetworkAccess"] = JsonBody.String(properties, "publicNetworkAccess") ?? "Enabled",
            // The service names the scoring URIs once the endpoint is provisioned.
            ["scoringUri"] = existing?.Properties["scoringUri"]?.DeepClone(),
            ["swaggerUri"] = existing?.Properties["swaggerUri"]?.DeepClone(),
            ["provisioningState"] = existing is null ? "Creating" : "Updating",
            ["compute"] = compute,
            ["description"] = properties["description"]?.DeepClone(),
        };

        EndpointRecord endpoint = existing ?? new EndpointRecord(name, resource);
        endpoint.Resource = resource;
        state.Endpoints[name] = endpoint;
        endpoint.ActiveOperation = state.StartOperation(
            OperationKinds.OnlineEndpoint, name,
            onSucceeded: () =>
            {
                endpoint.Properties["provisioningState"] = "Succeeded";
                endpoint.Properties["scoringUri"] = $"{origin}/onlineEndpoints/{name}/score";
                endpoint.Properties["swaggerUri"] = $"{origin}/onlineEndpoints/{name}/swagger.json";
            },
            onFailed: _ => endpoint.Properties["provisioningState"] = "Failed");
        // 201 for an update too, as the service answers (it is the PUT that starts an operation); the service's answer
        // has no scoring URIs yet, and to an update it leaves out the location and the identity (the next GET has them).
        JsonObject answer = OperationUrls.WithOperationUri(resource, endpoint, request, state);
        answer["properties"]!["scoringUri"] = null;
        answer["properties"]!["swaggerUri"] = null;
        if (existing is not null)
        {
            answer.Remove("location");
            answer.Remove("identity");
        }
        var result = new ArmResult(201, answer);
        return OperationUrls.Accepted(result, request, state, endpoint.ActiveOperation);
    }

    /// <summary>Deletes the endpoint and its deployments; their model servers (Python workers) stop with them.</summary>
    private static ArmResult Delete(HttpRequest request, WorkspaceState state, string name, Python.PythonDeployments python)
    {
        if (!state.Endpoints.TryGetValue(name, out EndpointRecord? endpoint))
        {
            return new ArmResult(204);
        }
        return Lifecycle.BeginDelete(request, state, endpoint, "endpoint", OperationKinds.OnlineEndpoint, () =>
        {
            state.Endpoints.Remove(name);
            foreach (string deployment in endpoint.Deployments.Keys)
            {
                python.Stop(Python.PythonDeployments.Key(endpoint.Name, deployment));
            }
        });
    }

    private static ArmResult RegenerateKeys(HttpRequest request, WorkspaceState state, string name, JsonObject body)
    {
        EndpointRecord endpoint = RequireAuthMode(Find(state, name), "Key", "regenerateKeys");
        string? keyType = JsonBody.String(body, "keyType");
        bool primary = string.Equals(keyType, "Primary", StringComparison.OrdinalIgnoreCase);
        if (!primary && !string.Equals(keyType, "Secondary", StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest("'keyType' must be Primary or Secondary.", "keyType");
        }
        EnsureIdle(endpoint.ActiveOperation, $"endpoint '{name}'");
        // azure-ai-ml and the CLI send the key they want replaced as keyValue (they list the keys first), and the
        // service regenerates it; only another value is taken as the new key.
        string current = primary ? endpoint.PrimaryKey : endpoint.SecondaryKey;
        string newKey = JsonBody.String(body, "keyValue") is { Length: > 0 } sent && sent != current ? sent : Secrets.NewKey();
        endpoint.ActiveOperation = state.StartOperation(OperationKinds.OnlineEndpoint, name, onSucceeded: () =>
        {
            if (primary)
            {
                endpoint.PrimaryKey = newKey;
            }
            else
            {
                endpoint.SecondaryKey = newKey;
            }
        }, onFailed: null);
        return OperationUrls.Accepted(new ArmResult(202), request, state, endpoint.ActiveOperation);
    }

    private static EndpointRecord RequireAuthMode(EndpointRecord endpoint, string mode, string action)
    {
        if (!string.Equals(endpoint.AuthMode, mode, StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"'{action}' is only available for endpoints with auth mode {mode}; endpoint '{endpoint.Name}' uses {endpoint.AuthMode}.");
        }
        return endpoint;
    }

    private static JsonObject Identity(JsonObject body, EndpointRecord? existing)
    {
        var identity = body["identity"]?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "SystemAssigned" };
        string type = JsonBody.String(identity, "type") ?? "SystemAssigned";
        if (type.Contains("SystemAssigned", StringComparison.OrdinalIgnoreCase))
        {
            identity["principalId"] = existing?.Resource["identity"]?["principalId"]?.DeepClone() ?? Guid.NewGuid().ToString();
            identity["tenantId"] = Guid.Empty.ToString();
        }
        return identity;
    }

    private static JsonObject ToJson(Dictionary<string, int> map)
    {
        var json = new JsonObject();
        foreach ((string key, int value) in map)
        {
            json[key] = value;
        }
        return json;
    }
}
