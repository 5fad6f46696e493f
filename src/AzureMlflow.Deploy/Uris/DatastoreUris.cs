using AzureMlflow.Deploy.Core;

namespace AzureMlflow.Deploy.Uris;

/// <summary>The <c>azureml://</c> URI forms the service uses for datastore paths and job outputs.</summary>
internal static class DatastoreUris
{
    private const string ShortPrefix = "azureml://datastores/";
    private const string JobPrefix = "azureml://jobs/";

    /// <summary>
    /// Expands <c>azureml://datastores/{ds}/paths/{p}</c> to the workspace-qualified
    /// <c>azureml://subscriptions/{sub}/resourcegroups/{rg}/workspaces/{ws}/datastores/{ds}/paths/{p}</c>, as the Python SDK registers it.
    /// Other URIs are returned unchanged.
    /// </summary>
    public static string ToLongForm(string path, ArmRestClient rest) =>
        path.StartsWith(ShortPrefix, StringComparison.OrdinalIgnoreCase)
            ? $"azureml://subscriptions/{rest.SubscriptionId}/resourcegroups/{rest.ResourceGroupName}/workspaces/{rest.WorkspaceName}/datastores/{path[ShortPrefix.Length..]}"
            : path;

    /// <summary>The job name of an <c>azureml://jobs/{job}/outputs/...</c> URI, or null.</summary>
    public static string? JobName(string path)
    {
        if (!path.StartsWith(JobPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string rest = path[JobPrefix.Length..];
        int slash = rest.IndexOf('/');
        return slash > 0 ? rest[..slash] : null;
    }

    /// <summary>
    /// Splits a datastore URI, short (<c>azureml://datastores/{ds}/paths/{p}</c>) or long
    /// (<c>azureml://subscriptions/.../workspaces/{ws}/datastores/{ds}/paths/{p}</c>), into datastore and path.
    /// </summary>
    public static bool TryParse(string uri, out string datastore, out string path)
    {
        datastore = path = string.Empty;
        if (!uri.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        const string Datastores = "/datastores/";
        const string Paths = "/paths/";
        int ds = uri.IndexOf(Datastores, "azureml:/".Length, StringComparison.OrdinalIgnoreCase);
        int p = ds < 0 ? -1 : uri.IndexOf(Paths, ds + Datastores.Length, StringComparison.OrdinalIgnoreCase);
        if (p < 0)
        {
            return false;
        }
        datastore = uri[(ds + Datastores.Length)..p];
        path = uri[(p + Paths.Length)..].TrimEnd('/');
        return datastore.Length > 0 && path.Length > 0 && !datastore.Contains('/', StringComparison.Ordinal);
    }
}
