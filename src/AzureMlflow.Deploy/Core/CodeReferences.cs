using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy.Core;

/// <summary>
/// What a deployment's <see cref="CodeConfiguration.Code"/> means, as Python's endpoint utilities read it: an ARM or
/// registry id is sent as it is, <c>azureml:name:version</c> becomes the version's ARM id, anything else is a local
/// path to upload.
/// </summary>
internal static class CodeReferences
{
    /// <summary>The id to send, or null when <paramref name="code"/> is a local path.</summary>
    /// <exception cref="ArgumentException">An <c>azureml:</c> reference without a version.</exception>
    public static string? Resolve(string code, string workspaceResourceId)
    {
        string text = code.Trim();
        if (text.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }
        if (!text.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string[] parts = text["azureml:".Length..].Split(':');
        return parts is [{ Length: > 0 } name, { Length: > 0 } version]
            ? workspaceResourceId + ResourceIds.CodeVersionPath(name, version)
            : throw new ArgumentException($"Code reference '{code}' must be 'azureml:<name>:<version>', an id, or a local folder.", nameof(code));
    }

    /// <summary>Checks a code setting before any request: a malformed reference, or a local path that does not exist.</summary>
    public static void Validate(CodeConfiguration? configuration, string paramName)
    {
        if (configuration is null)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(configuration.Code))
        {
            throw new ArgumentException("CodeConfiguration.Code is empty; give the local folder of the scoring script, 'azureml:<name>:<version>' or a code asset id.", paramName);
        }
        if (string.IsNullOrWhiteSpace(configuration.ScoringScript))
        {
            throw new ArgumentException("CodeConfiguration.ScoringScript is empty; give the scoring script's path inside the code folder, such as 'score.py'.", paramName);
        }
        if (Resolve(configuration.Code, string.Empty) is not null)
        {
            return;
        }
        string folder = Path.GetFullPath(configuration.Code);
        if (!Directory.Exists(folder) && !File.Exists(folder))
        {
            throw new ArgumentException($"The code folder '{configuration.Code}' does not exist.", paramName);
        }
        string script = Directory.Exists(folder) ? Path.Combine(folder, configuration.ScoringScript) : folder;
        if (!File.Exists(script))
        {
            throw new ArgumentException($"The scoring script '{configuration.ScoringScript}' is not in the code folder '{configuration.Code}'.", paramName);
        }
    }
}
