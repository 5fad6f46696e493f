using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// The environment and code a deployment (online or batch) names must be registered in the workspace: ids are checked
/// when the deployment is submitted, as the service resolves them then. Curated (<c>azureml:AzureML-...</c>) and
/// registry references are accepted as they are.
/// </summary>
internal static class DeploymentAssetCheck
{
    public static void Check(WorkspaceState state, JsonObject properties)
    {
        if (JsonBody.String(properties, "environmentId") is { Length: > 0 } environmentId && !IsRegistry(environmentId))
        {
            AssetIds.Find(state, state.Environments, "environments", environmentId, "an environment", "properties.environmentId");
        }
        if (properties["codeConfiguration"] is JsonObject code)
        {
            string codeId = JsonBody.String(code, "codeId") is { Length: > 0 } id
                ? id
                : throw ServiceException.BadRequest("'properties.codeConfiguration.codeId' is required with a scoring script.", "properties.codeConfiguration.codeId");
            if (string.IsNullOrWhiteSpace(JsonBody.String(code, "scoringScript")))
            {
                throw ServiceException.BadRequest("'properties.codeConfiguration.scoringScript' is required.", "properties.codeConfiguration.scoringScript");
            }
            if (!IsRegistry(codeId))
            {
                AssetIds.Find(state, state.Codes, "codes", codeId, "a code", "properties.codeConfiguration.codeId");
            }
        }
    }

    private static bool IsRegistry(string id) => id.StartsWith("azureml://registries/", StringComparison.OrdinalIgnoreCase);
}
