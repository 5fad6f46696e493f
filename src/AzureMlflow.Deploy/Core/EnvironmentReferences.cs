using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy.Core;

/// <summary>
/// What a deployment's environment reference is sent as, as Python's orchestrator resolves it: ARM and registry ids as
/// they are, curated short names (<c>AzureML-...</c>) as <c>azureml:AzureML-...</c> for the service to expand,
/// <c>name:version</c> as the version's ARM id; <c>name@latest</c> needs a read (<see cref="LatestOf"/>).
/// </summary>
internal static class EnvironmentReferences
{
    private const string CuratedPrefix = "AzureML-";

    /// <summary>The id to send, or null when the reference names a label to resolve with a read.</summary>
    /// <exception cref="ArgumentException">A reference with neither a version nor a label.</exception>
    public static string? Resolve(string reference, string workspaceResourceId)
    {
        string text = reference.Trim();
        if (text.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase) || text.StartsWith('/'))
        {
            return text;
        }
        if (text.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["azureml:".Length..];
        }
        if (text.StartsWith(CuratedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return "azureml:" + text;
        }
        if (LatestOf(reference) is not null)
        {
            return null;
        }
        int colon = text.IndexOf(':');
        return colon > 0 && colon < text.Length - 1 && text.IndexOf(':', colon + 1) < 0
            ? workspaceResourceId + ResourceIds.EnvironmentVersionPath(text[..colon], text[(colon + 1)..])
            : throw new ArgumentException(
                $"Environment reference '{reference}' has no version. Use 'azureml:<name>:<version>', 'azureml:<name>@latest', a curated 'AzureML-...' name or an id.", nameof(reference));
    }

    /// <summary>Checks a reference before any request: a bad label or a missing version is the caller's mistake.</summary>
    public static void Validate(string? reference)
    {
        if (!string.IsNullOrWhiteSpace(reference))
        {
            _ = Resolve(reference, string.Empty);
        }
    }

    /// <summary>The environment name of an <c>azureml:name@latest</c> reference, or null.</summary>
    /// <exception cref="ArgumentException">A label other than <c>latest</c>, the only one the service manages.</exception>
    public static string? LatestOf(string reference)
    {
        string text = reference.Trim();
        text = text.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase) ? text["azureml:".Length..] : text;
        int at = text.IndexOf('@');
        if (at <= 0)
        {
            return null;
        }
        return text[(at + 1)..].Equals("latest", StringComparison.OrdinalIgnoreCase)
            ? text[..at]
            : throw new ArgumentException($"Environment reference '{reference}' names the label '{text[(at + 1)..]}'; the only label the service manages is 'latest'.", nameof(reference));
    }
}
