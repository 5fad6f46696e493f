using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>
/// What a deployment with a scoring script sends, resolved as Python's <c>upload_dependencies</c> does it and in its
/// order: the code first (a local folder uploaded or found by content, a reference made an id), then the environment
/// (a reference resolved, an inline one registered). Shared by online and batch deployments.
/// </summary>
internal static class DeploymentDependencies
{
    public static async ValueTask<(CodeConfigurationData? Code, string? EnvironmentId)> ResolveAsync(
        MLClient client, CodeConfiguration? code, EnvironmentReference? environment, bool async, CancellationToken cancellationToken)
    {
        CodeConfigurationData? codeData = null;
        if (code is not null)
        {
            string? codeId = await client.CodeAssets.ResolveIdAsync(code.Code, null, async, cancellationToken).ConfigureAwait(false);
            codeData = new CodeConfigurationData { CodeId = codeId, ScoringScript = code.ScoringScript.Replace('\\', '/') };
        }
        string? environmentId = await client.Environments.ResolveIdAsync(environment, async, cancellationToken).ConfigureAwait(false);
        return (codeData, environmentId);
    }
}
