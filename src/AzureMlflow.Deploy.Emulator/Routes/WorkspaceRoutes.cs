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

    private static JsonObject Describe(WorkspaceState state)
    {
        EmulatorOptions options = state.Options;
        string id = state.WorkspaceResourceId;
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = options.WorkspaceName,
            ["type"] = Resources.Provider,
            ["location"] = options.Location,
            ["kind"] = "Default",
            ["tags"] = new JsonObject(),
            ["sku"] = new JsonObject { ["name"] = "Basic", ["tier"] = "Basic" },
            ["identity"] = new JsonObject { ["type"] = "SystemAssigned", ["principalId"] = state.WorkspaceGuid, ["tenantId"] = Guid.Empty.ToString() },
            ["properties"] = new JsonObject
            {
                ["friendlyName"] = options.WorkspaceName,
                ["description"] = "Azure ML workspace emulated by AzureMlflow.Deploy.Emulator",
                ["workspaceId"] = state.WorkspaceGuid,
                ["provisioningState"] = "Succeeded",
                ["creationTime"] = state.CreatedAt.ToString("O"),
                ["discoveryUrl"] = $"https://{options.Location}.api.azureml.ms/discovery",
                ["mlFlowTrackingUri"] = $"azureml://{options.Location}.api.azureml.ms/mlflow/v1.0{id}",
                ["publicNetworkAccess"] = "Enabled",
            },
        };
    }
}
