using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Storage;

/// <summary>A datastore URI (<c>azureml://[subscriptions/.../workspaces/.../]datastores/{name}/paths/{path}</c>) as a container and a blob path.</summary>
internal static partial class DatastorePaths
{
    [GeneratedRegex("/datastores/(?<ds>[^/]+)/paths/(?<path>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DatastorePath();

    /// <summary>
    /// The datastore, its container (null when the workspace has no such datastore) and the path without a trailing slash;
    /// null when the URI does not name a datastore path.
    /// </summary>
    public static (string Datastore, string? Container, string Path)? Locate(WorkspaceState state, string uri)
    {
        Match match = DatastorePath().Match(uri);
        if (!match.Success)
        {
            return null;
        }
        string datastore = match.Groups["ds"].Value;
        string? container = DatastoreRoutes.Containers(state).FirstOrDefault(d => d.Name.Equals(datastore, StringComparison.OrdinalIgnoreCase)).Container;
        return (datastore, container, match.Groups["path"].Value.TrimEnd('/'));
    }

    /// <summary>
    /// A short datastore URI (<c>azureml://datastores/{name}/paths/{path}</c>) in the long form the service's data plane
    /// answers with: <c>azureml://subscriptions/{sub}/resourcegroups/{rg}/workspaces/{ws}/datastores/{name}/paths/{path}</c>.
    /// </summary>
    public static string LongForm(WorkspaceState state, string uri)
    {
        Match match = DatastorePath().Match(uri);
        return match.Success
            ? $"azureml://subscriptions/{state.Options.SubscriptionId}/resourcegroups/{state.Options.ResourceGroup}/workspaces/{state.Options.WorkspaceName}/datastores/{match.Groups["ds"].Value}/paths/{match.Groups["path"].Value}"
            : uri;
    }
}
