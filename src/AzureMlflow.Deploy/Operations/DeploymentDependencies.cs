using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Uris;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>
/// What online and batch deployments share on their way to the service: the checks on the model before any request,
/// and the code and environment a deployment with a scoring script sends.
/// </summary>
internal static class DeploymentDependencies
{
    /// <summary>
    /// The MLflow serving preflight (its warnings are returned; an error throws), then the model: an inline one must be
    /// registrable, a reference must parse. Run after the deployment's own rules, before any request.
    /// </summary>
    public static IReadOnlyList<PreflightFinding> CheckModel(Deployment deployment, ArmRestClient rest)
    {
        IReadOnlyList<PreflightFinding> findings = DeploymentPreflight.Run(deployment);
        if (deployment.Model!.Model is { Id: null } unregistered)
        {
            ModelRules.ValidateForRegistration(unregistered);
        }
        else if (deployment.Model.Reference is { } reference)
        {
            ModelReferences.Parse(reference, rest);
        }
        return findings;
    }

    /// <summary>
    /// The code and environment, resolved as Python's <c>upload_dependencies</c> does it and in its order: the code first
    /// (a local folder uploaded or found by content, a reference made an id), then the environment (a reference resolved,
    /// an inline one registered).
    /// </summary>
    public static async ValueTask<(CodeConfigurationData? Code, string? EnvironmentId)> ResolveAsync(
        MLClient client, Deployment deployment, bool async, CancellationToken cancellationToken)
    {
        CodeConfiguration? code = deployment.CodeConfiguration;
        CodeConfigurationData? codeData = null;
        if (code is not null)
        {
            string? codeId = await client.CodeAssets.ResolveIdAsync(code.Code, null, async, cancellationToken).ConfigureAwait(false);
            codeData = new CodeConfigurationData { CodeId = codeId, ScoringScript = code.ScoringScript.Replace('\\', '/') };
        }
        string? environmentId = await client.Environments.ResolveIdAsync(deployment.Environment, async, cancellationToken).ConfigureAwait(false);
        return (codeData, environmentId);
    }
}
