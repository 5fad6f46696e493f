using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// GET and PATCH of the workspace itself, the lists of workspaces in the resource group and the subscription (the
/// emulated one is the only workspace there is), and the 404 for any other workspace. Creating and deleting workspaces
/// is not emulated: the emulator is one workspace.
/// </summary>
internal static class WorkspaceRoutes
{
    public const string Prefix = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}";

    public static RouteGroupBuilder Map(IEndpointRouteBuilder app, WorkspaceState state)
    {
        EmulatorOptions options = state.Options;
        app.MapGet("/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces", (HttpRequest request, string sub, string rg) => state.Run(() =>
            Paging.Page(request, Same(sub, options.SubscriptionId) && Same(rg, options.ResourceGroup) ? [Describe(state, request)] : [], options.PageSize)));
        app.MapGet("/subscriptions/{sub}/providers/Microsoft.MachineLearningServices/workspaces", (HttpRequest request, string sub) => state.Run(() =>
            Paging.Page(request, Same(sub, options.SubscriptionId) ? [Describe(state, request)] : [], options.PageSize)));

        RouteGroupBuilder workspace = Scoped(app, state, string.Empty);
        workspace.MapGet("", (HttpRequest request) => state.Run(() => ArmResult.Ok(Describe(state, request))));

        // The spec's partial update: tags, description and friendly name change at once (an operation that ends with its answer).
        workspace.MapPatch("", async (HttpRequest request) =>
        {
            JsonObject patch = await JsonBody.ReadObjectAsync(request);
            return state.Run(() =>
            {
                WorkspaceSettings settings = state.Settings;
                if (patch["tags"] is JsonObject tags)
                {
                    settings.Tags = (JsonObject)tags.DeepClone();
                }
                JsonObject? properties = patch["properties"] as JsonObject;
                settings.Description = properties?.ContainsKey("description") == true ? JsonBody.String(properties, "description") : settings.Description;
                settings.FriendlyName = properties?.ContainsKey("friendlyName") == true ? JsonBody.String(properties, "friendlyName") : settings.FriendlyName;
                settings.PublicNetworkAccess = JsonBody.String(properties, "publicNetworkAccess") ?? settings.PublicNetworkAccess;
                settings.LastModifiedAt = state.Now;
                return ArmResult.Ok(Describe(state, request));
            });
        });
        WorkspaceActionRoutes.Map(workspace, state);
        return workspace;
    }

    /// <summary>
    /// The routes under this workspace's path, behind <paramref name="servicePrefix"/> (empty for ARM, <c>/history/v1.0</c>
    /// for run history...): any other subscription, resource group or workspace is ARM's 404.
    /// </summary>
    public static RouteGroupBuilder Scoped(IEndpointRouteBuilder app, WorkspaceState state, string servicePrefix)
    {
        EmulatorOptions options = state.Options;
        RouteGroupBuilder workspace = app.MapGroup(servicePrefix + Prefix);
        workspace.AddEndpointFilter(async (context, next) =>
        {
            RouteValueDictionary route = context.HttpContext.Request.RouteValues;
            if (!Same(route["sub"], options.SubscriptionId) || !Same(route["rg"], options.ResourceGroup) || !Same(route["ws"], options.WorkspaceName))
            {
                return ArmResult.Error(404, new ServiceError(
                    "ResourceNotFound",
                    $"The Resource '{Resources.Provider}/{route["ws"]}' under resource group '{route["rg"]}' was not found."));
            }
            return await next(context);
        });
        return workspace;
    }

    private static bool Same(object? routeValue, string expected) =>
        string.Equals(routeValue as string, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The workspace as the service describes it (2024-10-01-preview): every field it sends, with the emulator's values.
    /// Its discovery and MLflow tracking URLs name the emulator itself, so clients that follow them (run history, the
    /// batch job lists of the data plane) stay on the emulator instead of leaving for the region's real hosts.
    /// </summary>
    private static JsonObject Describe(WorkspaceState state, HttpRequest request)
    {
        string origin = $"{request.Scheme}://{request.Host}";
        EmulatorOptions options = state.Options;
        string id = state.WorkspaceResourceId;
        string group = $"/subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}/providers";
        string created = state.CreatedAt.ToString("O");
        string modified = (state.Settings.LastModifiedAt ?? state.CreatedAt).ToString("O");
        string tenant = Guid.Empty.ToString();
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = options.WorkspaceName,
            ["type"] = Resources.Provider,
            ["location"] = options.Location,
            ["tags"] = state.Settings.Tags.DeepClone(),
            ["etag"] = null,
            ["kind"] = "Default",
            ["sku"] = new JsonObject { ["name"] = "Basic", ["tier"] = "Basic" },
            ["identity"] = new JsonObject { ["type"] = "SystemAssigned", ["principalId"] = state.WorkspaceGuid, ["tenantId"] = tenant },
            ["systemData"] = new JsonObject
            {
                ["createdAt"] = created, ["createdBy"] = "emulator-user", ["createdByType"] = "User",
                ["lastModifiedAt"] = modified, ["lastModifiedBy"] = "emulator-user", ["lastModifiedByType"] = "User",
            },
            ["properties"] = new JsonObject
            {
                ["friendlyName"] = state.Settings.FriendlyName ?? options.WorkspaceName,
                ["description"] = state.Settings.Description,
                ["storageAccount"] = $"{group}/Microsoft.Storage/storageAccounts/{Storage.BlobStore.AccountName}",
                ["keyVault"] = $"{group}/Microsoft.Keyvault/vaults/kv-emulator",
                ["applicationInsights"] = $"{group}/Microsoft.insights/components/ai-emulator",
                ["hbiWorkspace"] = false,
                ["tenantId"] = tenant,
                ["imageBuildCompute"] = null,
                ["provisioningState"] = "Succeeded",
                ["managedNetwork"] = new JsonObject
                {
                    ["changeableIsolationModes"] = new JsonArray("AllowInternetOutbound", "AllowOnlyApprovedOutbound"),
                    ["isolationMode"] = "Disabled",
                },
                ["allowRoleAssignmentOnRG"] = true,
                ["v1LegacyMode"] = false,
                ["softDeleteEnabled"] = false,
                ["containerRegistry"] = $"{group}/Microsoft.ContainerRegistry/registries/cremulator",
                ["creationTime"] = created,
                ["notebookInfo"] = null,
                ["storageHnsEnabled"] = false,
                ["workspaceId"] = state.WorkspaceGuid,
                ["linkedModelInventoryArmId"] = null,
                ["privateLinkCount"] = 0,
                ["publicNetworkAccess"] = state.Settings.PublicNetworkAccess,
                ["ipAllowlist"] = new JsonArray(),
                ["discoveryUrl"] = origin + DataPlane.DiscoveryRoutes.Path,
                ["mlFlowTrackingUri"] = $"azureml://{request.Host}/mlflow/v1.0{id}",
                ["serverlessComputeSettings"] = null,
                ["EnableSoftwareBillOfMaterials"] = false,
                ["sdkTelemetryAppInsightsKey"] = tenant,
                ["sasGetterUri"] = "",
                ["enableDataIsolation"] = false,
                ["systemDatastoresAuthMode"] = "accesskey",
                ["enableServiceSideCMKEncryption"] = false,
            },
        };
    }
}
