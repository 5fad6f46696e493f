using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>GET of the workspace itself, and the 404 for any other workspace.</summary>
internal static class WorkspaceRoutes
{
    public const string Prefix = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}";

    public static RouteGroupBuilder Map(IEndpointRouteBuilder app, WorkspaceState state)
    {
        RouteGroupBuilder workspace = app.MapGroup(Prefix);
        workspace.AddEndpointFilter(async (context, next) =>
        {
            RouteValueDictionary route = context.HttpContext.Request.RouteValues;
            EmulatorOptions options = state.Options;
            if (!Same(route["sub"], options.SubscriptionId) || !Same(route["rg"], options.ResourceGroup) || !Same(route["ws"], options.WorkspaceName))
            {
                return ArmResult.Error(404, new ServiceError(
                    "ResourceNotFound",
                    $"The Resource '{Resources.Provider}/{route["ws"]}' under resource group '{route["rg"]}' was not found."));
            }
            return await next(context);
        });

        workspace.MapGet("", () => state.Run(() => ArmResult.Ok(Describe(state))));
        return workspace;
    }

    private static bool Same(object? routeValue, string expected) =>
        string.Equals(routeValue as string, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>The workspace as the service describes it (2024-10-01-preview): every field it sends, with the emulator's values.</summary>
    private static JsonObject Describe(WorkspaceState state)
    {
        EmulatorOptions options = state.Options;
        string id = state.WorkspaceResourceId;
        string group = $"/subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}/providers";
        string created = state.CreatedAt.ToString("O");
        string tenant = Guid.Empty.ToString();
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = options.WorkspaceName,
            ["type"] = Resources.Provider,
            ["location"] = options.Location,
            ["tags"] = new JsonObject(),
            ["etag"] = null,
            ["kind"] = "Default",
            ["sku"] = new JsonObject { ["name"] = "Basic", ["tier"] = "Basic" },
            ["identity"] = new JsonObject { ["type"] = "SystemAssigned", ["principalId"] = state.WorkspaceGuid, ["tenantId"] = tenant },
            ["systemData"] = new JsonObject
            {
                ["createdAt"] = created, ["createdBy"] = "emulator-user", ["createdByType"] = "User",
                ["lastModifiedAt"] = created, ["lastModifiedBy"] = "emulator-user", ["lastModifiedByType"] = "User",
            },
            ["properties"] = new JsonObject
            {
                ["friendlyName"] = options.WorkspaceName,
                ["description"] = "Azure ML workspace emulated by AzureMlflow.Deploy.Emulator",
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
                ["publicNetworkAccess"] = "Enabled",
                ["ipAllowlist"] = new JsonArray(),
                ["discoveryUrl"] = $"https://{options.Location}.api.azureml.ms/discovery",
                ["mlFlowTrackingUri"] = $"azureml://{options.Location}.api.azureml.ms/mlflow/v1.0{id}",
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
