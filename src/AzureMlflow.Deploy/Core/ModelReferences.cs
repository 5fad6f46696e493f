using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy.Core;

/// <summary>A model reference split into what is needed to resolve it to an ARM id.</summary>
/// <param name="Id">A ready id (ARM id or registry asset id), or null.</param>
/// <param name="Name">The model name when <paramref name="Id"/> is null.</param>
/// <param name="Version">The version, or null when a label is given.</param>
/// <param name="Label">The label (only <c>latest</c> is managed by the service), or null.</param>
internal sealed record ParsedModelReference(string? Id, string? Name, string? Version, string? Label);

/// <summary>Parses <c>azureml:name:version</c>, <c>name:version</c>, <c>azureml:name@latest</c>, ARM ids and registry ids.</summary>
internal static class ModelReferences
{
    public static ParsedModelReference Parse(string reference, ArmRestClient rest)
    {
        string text = reference.Trim();
        if (text.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase))
        {
            return new ParsedModelReference(text, null, null, null);
        }
        if (text.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["azureml:".Length..];
        }
        if (text.StartsWith('/'))
        {
            if (ResourceIds.Segment(text, "models") is null || ResourceIds.Segment(text, "versions") is null)
            {
                throw new ArgumentException($"Model reference '{reference}' is not the ARM id of a model version (.../models/<name>/versions/<version>).", nameof(reference));
            }
            return new ParsedModelReference(text, null, null, null);
        }
        int at = text.IndexOf('@');
        if (at > 0)
        {
            return new ParsedModelReference(null, text[..at], null, text[(at + 1)..]);
        }
        int colon = text.IndexOf(':');
        if (colon > 0 && colon < text.Length - 1 && text.IndexOf(':', colon + 1) < 0)
        {
            string name = text[..colon];
            string version = text[(colon + 1)..];
            return new ParsedModelReference(rest.WorkspaceResourceId + ResourceIds.ModelVersionPath(name, version), name, version, null);
        }
        throw new ArgumentException(
            $"Model reference '{reference}' has no version. Use 'azureml:<name>:<version>', 'azureml:<name>@latest' or an ARM id.", nameof(reference));
    }
}
