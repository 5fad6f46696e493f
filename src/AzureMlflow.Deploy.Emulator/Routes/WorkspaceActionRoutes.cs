using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// The workspace's actions on its dependent resources: the keys of its storage account (Azurite's well-known
/// development key, public by design), container registry and Application Insights; a resync of those keys (nothing
/// to resync: an operation that succeeds); the network diagnosis (nothing wrong on loopback) and the outbound
/// dependencies (none). The notebook actions are not emulated: the emulated workspace has no notebook resources.
/// </summary>
internal static class WorkspaceActionRoutes
{
    public static void Map(RouteGroupBuilder workspace, WorkspaceState state)
    {
        workspace.MapPost("/listKeys", () => state.Run(() =>
        {
            EmulatorOptions options = state.Options;
            string group = $"/subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}/providers";
            return ArmResult.Ok(new JsonObject
            {
                ["userStorageKey"] = BlobStore.AccountKey,
                ["userStorageResourceId"] = $"{group}/Microsoft.Storage/storageAccounts/{BlobStore.AccountName}",
                ["appInsightsInstrumentationKey"] = state.Settings.InstrumentationKey,
                ["containerRegistryCredentials"] = new JsonObject
                {
                    ["location"] = options.Location,
                    ["username"] = "cremulator",
                    ["passwords"] = new JsonArray([.. state.Settings.RegistryPasswords.Select((p, i) => (JsonNode?)new JsonObject { ["name"] = i == 0 ? "password" : "password2", ["value"] = p })]),
                },
                ["notebookAccessKeys"] = null,
            });
        }));

        workspace.MapPost("/listStorageAccountKeys", () => ArmResult.Ok(new JsonObject { ["userStorageKey"] = BlobStore.AccountKey }));

        workspace.MapPost("/resyncKeys", (HttpRequest request) => state.Run(() =>
            Lro.OperationUrls.Accepted(new ArmResult(202), request, state,
                state.StartOperation(Lro.OperationKinds.Workspace, state.Options.WorkspaceName, onSucceeded: null, onFailed: null, isDelete: true))));

        workspace.MapPost("/diagnose", (HttpRequest request) => state.Run(() =>
            Lro.OperationUrls.Accepted(new ArmResult(202), request, state,
                state.StartOperation(Lro.OperationKinds.Workspace, state.Options.WorkspaceName, onSucceeded: null, onFailed: null, isDelete: false, result: Diagnosis()))));

        workspace.MapGet("/outboundNetworkDependenciesEndpoints", () => ArmResult.Ok(new JsonObject { ["value"] = new JsonArray() }));
    }

    /// <summary>A diagnosis with nothing to report in any category.</summary>
    private static JsonObject Diagnosis()
    {
        var value = new JsonObject();
        foreach (string category in new[] { "userDefinedRouteResults", "networkSecurityRuleResults", "resourceLockResults", "dnsResolutionResults",
            "storageAccountResults", "keyVaultResults", "containerRegistryResults", "applicationInsightsResults", "otherResults" })
        {
            value[category] = new JsonArray();
        }
        return new JsonObject { ["value"] = value };
    }
}
