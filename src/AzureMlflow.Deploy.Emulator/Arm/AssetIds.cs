using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>Finds the asset version an ARM id in a deployment names (<c>.../workspaces/{ws}/{kind}/{name}/versions/{version}</c>).</summary>
internal static partial class AssetIds
{
    /// <summary>
    /// The version <paramref name="id"/> names in <paramref name="containers"/>, or null for ids the emulator cannot hold
    /// (registries, curated <c>azureml:AzureML-...</c> names). Ids of another workspace or of missing versions are refused.
    /// </summary>
    public static AssetVersionRecord? Find(WorkspaceState state, Dictionary<string, AssetContainerRecord> containers, string kind, string id, string what, string target)
    {
        if (id.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        Match match = VersionId().Match(id);
        if (!match.Success || !match.Groups["kind"].Value.Equals(kind, StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"'{id}' is not {what} version resource id.", target);
        }
        EmulatorOptions options = state.Options;
        if (!match.Groups["sub"].Value.Equals(options.SubscriptionId, StringComparison.OrdinalIgnoreCase)
            || !match.Groups["rg"].Value.Equals(options.ResourceGroup, StringComparison.OrdinalIgnoreCase)
            || !match.Groups["ws"].Value.Equals(options.WorkspaceName, StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"'{id}' belongs to another workspace.", target);
        }
        string name = Uri.UnescapeDataString(match.Groups["name"].Value);
        string version = Uri.UnescapeDataString(match.Groups["version"].Value);
        return containers.TryGetValue(name, out AssetContainerRecord? container) && container.Versions.FirstOrDefault(v => v.Version == version) is { } found
            ? found
            : throw ServiceException.BadRequest($"{char.ToUpperInvariant(what[what.IndexOf(' ') + 1])}{what[(what.IndexOf(' ') + 2)..]} '{name}' version '{version}' was not found in the workspace.", target);
    }

    [GeneratedRegex("^/subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.MachineLearningServices/workspaces/(?<ws>[^/]+)/(?<kind>[^/]+)/(?<name>[^/]+)/versions/(?<version>[^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionId();
}
