using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// <c>computes</c>: compute clusters (<c>AmlCompute</c>) created and resized with a PUT or a PATCH of their scale
/// settings, their nodes, attached Kubernetes computes, deletes that name their <c>underlyingResourceAction</c>. Batch
/// deployments must name one that exists.
/// </summary>
internal static class ComputeRoutes
{
    public static void Map(RouteGroupBuilder workspace, WorkspaceState state)
    {
        workspace.MapGet("/computes", (HttpRequest request) => state.Run(() =>
            Paging.Page(request, state.Computes.Values.Select(c => c.Resource).ToList(), state.Options.PageSize)));

        workspace.MapGet("/computes/{name}", (string name) => state.Run(() => ArmResult.Ok(Find(state, name).Resource)));

        workspace.MapPut("/computes/{name}", async (HttpRequest request, string name) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => CreateOrUpdate(request, state, name, body));
        });

        // ClusterUpdateParameters: only a cluster's scale settings change this way.
        workspace.MapPatch("/computes/{name}", async (HttpRequest request, string name) =>
        {
            JsonObject patch = await JsonBody.ReadObjectAsync(request);
            return state.Run(() =>
            {
                ComputeRecord compute = Find(state, name);
                if (patch["properties"]?["properties"] is not JsonObject own || own.Any(p => p.Key != "scaleSettings") || patch.Any(p => p.Key != "properties"))
                {
                    throw ServiceException.BadRequest("A compute update changes only properties.properties.scaleSettings.", "properties");
                }
                if (compute.ComputeType != "AmlCompute")
                {
                    throw ServiceException.BadRequest($"Compute '{name}' is a {compute.ComputeType} compute; only compute clusters (AmlCompute) scale.", "properties.properties.scaleSettings");
                }
                return MergePatch.Accepted(CreateOrUpdate(request, state, name, MergePatch.Apply(compute.Resource, patch, "properties")));
            });
        });

        workspace.MapPost("/computes/{name}/listNodes", (HttpRequest request, string name) => state.Run(() => ArmResult.Ok(Nodes(state, Find(state, name)))));

        workspace.MapDelete("/computes/{name}", (HttpRequest request, string name) => state.Run(() =>
        {
            string action = request.Query["underlyingResourceAction"].ToString();
            if (action is not ("Delete" or "Detach"))
            {
                throw ServiceException.BadRequest(
                    $"The query parameter 'underlyingResourceAction' is required and must be Delete or Detach, not '{action}'.", "underlyingResourceAction");
            }
            if (!state.Computes.TryGetValue(name, out ComputeRecord? compute))
            {
                return new ArmResult(204); // "No content; The target compute does not exist."
            }
            return Lifecycle.BeginDelete(request, state, compute, "compute", OperationKinds.Compute, () => state.Computes.Remove(name));
        }));
    }

    public static ComputeRecord Find(WorkspaceState state, string name) =>
        state.Computes.TryGetValue(name, out ComputeRecord? compute)
            ? compute
            : throw ServiceException.NotFound("ComputeNotFound", $"Compute '{name}' was not found in workspace '{state.Options.WorkspaceName}'.");

    /// <summary>A compute a deployment names, by ARM id or name (<c>azureml:</c> prefix allowed), or the refusal the deployment gets.</summary>
    public static ComputeRecord Referenced(WorkspaceState state, string reference, string target)
    {
        string name = reference.Contains("/computes/", StringComparison.OrdinalIgnoreCase)
            ? reference[(reference.LastIndexOf('/') + 1)..]
            : reference.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase) ? reference[8..] : reference;
        return state.Computes.TryGetValue(name, out ComputeRecord? compute)
            ? compute
            : throw ServiceException.BadRequest(
                $"Compute '{name}' does not exist in workspace '{state.Options.WorkspaceName}'; create the compute cluster before the deployment that runs on it.", target);
    }

    /// <summary>The ARM id of the Kubernetes compute an online endpoint names, or the refusal the endpoint gets.</summary>
    public static string Kubernetes(WorkspaceState state, string reference, string target)
    {
        ComputeRecord compute = Referenced(state, reference, target);
        return compute.ComputeType == "Kubernetes"
            ? compute.Resource["id"]!.GetValue<string>()
            : throw ServiceException.BadRequest(
                $"Compute '{compute.Name}' is a {compute.ComputeType} compute; online endpoints run on managed infrastructure or on an attached Kubernetes compute.", target);
    }

    private static ArmResult CreateOrUpdate(HttpRequest request, WorkspaceState state, string name, JsonObject body)
    {
        string location = Resources.Location(body);
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string computeType = JsonBody.String(properties, "computeType") ?? throw ServiceException.BadRequest("'properties.computeType' is required.", "properties.computeType");
        JsonObject own = properties["properties"] as JsonObject ?? [];
        state.Computes.TryGetValue(name, out ComputeRecord? existing);
        OnlineEndpointRoutes.EnsureIdle(existing?.ActiveOperation, $"compute '{name}'");
        if (existing is not null && !existing.ComputeType.Equals(computeType, StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"Compute '{name}' is a {existing.ComputeType} compute; its type cannot change to {computeType}.", "properties.computeType");
        }

        JsonObject stored = computeType switch
        {
            "AmlCompute" => Cluster(own),
            "Kubernetes" => Kubernetes(own),
            _ => throw ServiceException.BadRequest($"The emulator creates AmlCompute clusters and attaches Kubernetes computes, not '{computeType}'.", "properties.computeType"),
        };
        string now = state.Now.ToString("O");
        string? resourceId = JsonBody.String(properties, "resourceId");
        if (computeType == "Kubernetes" && string.IsNullOrWhiteSpace(resourceId))
        {
            throw ServiceException.BadRequest("Attaching a Kubernetes compute needs 'properties.resourceId', the ARM id of the AKS or Arc cluster.", "properties.resourceId");
        }
        JsonObject resource = Resources.New(state, $"/computes/{name}", name, "computes", existing?.Resource);
        resource["location"] = location;
        resource["tags"] = body["tags"]?.DeepClone() ?? new JsonObject();
        resource["properties"] = new JsonObject
        {
            ["createdOn"] = existing?.Properties["createdOn"]?.DeepClone() ?? now,
            ["modifiedOn"] = now,
            ["disableLocalAuth"] = properties["disableLocalAuth"]?.DeepClone() ?? false,
            ["description"] = properties["description"]?.DeepClone(),
            ["resourceId"] = resourceId,
            ["computeType"] = computeType,
            ["computeLocation"] = location,
            ["provisioningState"] = "Creating",
            ["provisioningErrors"] = null,
            ["isAttachedCompute"] = computeType == "Kubernetes",
            ["properties"] = stored,
        };

        ComputeRecord compute = existing ?? new ComputeRecord(name, resource);
        compute.Resource = resource;
        state.Computes[name] = compute;
        compute.ActiveOperation = state.StartOperation(OperationKinds.Compute, name,
            onSucceeded: () =>
            {
                compute.Properties["provisioningState"] = "Succeeded";
                if (compute.Properties["properties"] is JsonObject settled && computeType == "AmlCompute")
                {
                    int min = settled["scaleSettings"]?["minNodeCount"]?.GetValue<int>() ?? 0;
                    settled["currentNodeCount"] = min;
                    settled["targetNodeCount"] = min;
                    settled["allocationState"] = "Steady";
                }
            },
            onFailed: _ => compute.Properties["provisioningState"] = "Failed");
        // The service answers a compute PUT with 201 and an Azure-AsyncOperation, for an update too.
        return OperationUrls.Accepted(new ArmResult(201, resource.DeepClone()), request, state, compute.ActiveOperation);
    }

    /// <summary>
    /// A cluster's nodes (<c>{"nodes": [...]}</c>, not <c>value</c>): as many as it currently holds, idle unless a batch
    /// job of one of its deployments is running. Only clusters have nodes the service lists.
    /// </summary>
    private static JsonObject Nodes(WorkspaceState state, ComputeRecord compute)
    {
        if (compute.ComputeType != "AmlCompute")
        {
            throw ServiceException.BadRequest($"Compute '{compute.Name}' is a {compute.ComputeType} compute; only compute clusters (AmlCompute) have nodes to list.");
        }
        int count = compute.Properties["properties"]?["currentNodeCount"]?.GetValue<int>() ?? 0;
        string[] running = [.. state.Jobs.Values.Where(j => j.Status == "Running" && RunsOn(state, j, compute.Name)).Select(j => j.Name)];
        var nodes = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            string? run = i < running.Length ? running[i] : null;
            nodes.Add(new JsonObject
            {
                ["nodeId"] = $"tvm-{compute.Name.ToLowerInvariant()}_{i + 1}",
                ["privateIpAddress"] = $"10.0.0.{4 + i}",
                ["publicIpAddress"] = null,
                ["port"] = 50000 + i,
                ["nodeState"] = run is null ? "idle" : "running",
                ["runId"] = run,
            });
        }
        return new JsonObject { ["nodes"] = nodes };
    }

    private static bool RunsOn(WorkspaceState state, Batch.JobRecord job, string computeName) =>
        state.BatchEndpoints.TryGetValue(job.EndpointName, out EndpointRecord? endpoint)
        && endpoint.Deployments.TryGetValue(job.DeploymentName, out DeploymentRecord? deployment)
        && JsonBody.String(deployment.Properties, "compute") is { } compute
        && compute.TrimEnd('/').Split('/')[^1].Replace("azureml:", "", StringComparison.OrdinalIgnoreCase).Equals(computeName, StringComparison.OrdinalIgnoreCase);

    private static JsonObject Cluster(JsonObject own)
    {
        JsonObject scale = own["scaleSettings"] as JsonObject
            ?? throw ServiceException.BadRequest("'properties.properties.scaleSettings' is required for an AmlCompute cluster.", "properties.properties.scaleSettings");
        int max = JsonBody.Int(scale, "maxNodeCount") ?? throw ServiceException.BadRequest("'scaleSettings.maxNodeCount' is required.", "properties.properties.scaleSettings.maxNodeCount");
        int min = JsonBody.Int(scale, "minNodeCount") ?? 0;
        if (max < 1 || min < 0 || min > max)
        {
            throw ServiceException.BadRequest($"The scale settings need 0 <= minNodeCount <= maxNodeCount and maxNodeCount >= 1; got {min} and {max}.", "properties.properties.scaleSettings");
        }
        return new JsonObject
        {
            ["vmSize"] = JsonBody.String(own, "vmSize") ?? "STANDARD_DS3_V2",
            ["vmPriority"] = JsonBody.String(own, "vmPriority") ?? "Dedicated",
            ["scaleSettings"] = new JsonObject
            {
                ["maxNodeCount"] = max,
                ["minNodeCount"] = min,
                ["nodeIdleTimeBeforeScaleDown"] = JsonBody.String(scale, "nodeIdleTimeBeforeScaleDown") ?? "PT2M",
            },
            ["subnet"] = null,
            ["currentNodeCount"] = null,
            ["targetNodeCount"] = null,
            ["nodeStateCounts"] = null,
            ["allocationState"] = null,
            ["errors"] = null,
            ["remoteLoginPortPublicAccess"] = JsonBody.String(own, "remoteLoginPortPublicAccess") ?? "NotSpecified",
            ["osType"] = JsonBody.String(own, "osType") ?? "Linux",
            ["virtualMachineImage"] = null,
            ["isolatedNetwork"] = false,
            ["enableNodePublicIp"] = own["enableNodePublicIp"]?.DeepClone() ?? true,
        };
    }

    private static JsonObject Kubernetes(JsonObject own) => new()
    {
        ["relayConnectionString"] = null,
        ["serviceBusConnectionString"] = null,
        ["extensionPrincipalId"] = null,
        ["extensionInstanceReleaseTrain"] = "stable",
        ["vcName"] = null,
        ["namespace"] = JsonBody.String(own, "namespace") ?? "default",
        ["defaultInstanceType"] = JsonBody.String(own, "defaultInstanceType") ?? "defaultinstancetype",
        ["instanceTypes"] = own["instanceTypes"]?.DeepClone() ?? new JsonObject
        {
            ["defaultinstancetype"] = new JsonObject
            {
                ["nodeSelector"] = null,
                ["resources"] = new JsonObject
                {
                    ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "2Gi" },
                    ["limits"] = new JsonObject { ["cpu"] = "2", ["memory"] = "2Gi" },
                },
            },
        },
    };
}
