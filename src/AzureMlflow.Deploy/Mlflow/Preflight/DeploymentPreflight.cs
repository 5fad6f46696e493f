using AzureMlflow.Deploy.Diagnostics;

namespace AzureMlflow.Deploy.Mlflow;

/// <summary>
/// The preflight a deployment runs before any request, on an MLflow model it is about to register from a local folder
/// and serve without a scoring script. (A registered model's files are in storage; reading them would cost a download
/// on every deployment, so those are checked with <see cref="MlflowServingPreflight.Check(string, bool)"/> by hand.)
/// </summary>
internal static class DeploymentPreflight
{
    /// <exception cref="NotSupportedException">A finding says the model cannot be served at all.</exception>
    public static IReadOnlyList<PreflightFinding> Run(Deployment deployment)
    {
        string deploymentName = deployment.Name;
        if (deployment.CodeConfiguration is not null || deployment.Model?.Model is not { Id: null, Type: var type, Path: { } path } || type != ModelType.MlflowModel
            || !File.Exists(Path.Combine(Path.GetFullPath(path), "MLmodel")))
        {
            return [];
        }
        IReadOnlyList<PreflightFinding> findings = MlflowServingPreflight.Check(Path.GetFullPath(path), explicitEnvironment: deployment.Environment is not null);
        foreach (PreflightFinding finding in findings)
        {
            MlEventSource.Log.PreflightFinding(deploymentName, finding.Severity.ToString(), finding.RuleId, finding.Message, finding.Source.AbsoluteUri);
        }
        List<PreflightFinding> errors = [.. findings.Where(f => f.Severity == PreflightSeverity.Error)];
        return errors.Count == 0
            ? findings
            : throw new NotSupportedException($"Deployment '{deploymentName}': the model cannot be served without a scoring script: " +
                string.Join(" ", errors.Select(e => $"{e.Message} (rule {e.RuleId}, source: {e.Source}, {e.Date:yyyy-MM-dd})")));
    }
}
