namespace AzureMlflow.Deploy.Mlflow;

/// <summary>
/// Checks an MLflow model's environment (<c>conda.yaml</c>, <c>python_env.yaml</c>, <c>requirements.txt</c>) against the
/// known causes of no-code deployments crashing in Azure ML's MLflow serving image, a table of rules each with its
/// public source. Deployments run it on local models before any request: warnings go to the operation's
/// <c>Warnings</c> and the <c>AzureMlflow-Deploy</c> event source; an error (a model that cannot be served at all)
/// refuses the deployment.
/// </summary>
public static class MlflowServingPreflight
{
    /// <summary>The findings for a local MLflow model folder (empty when nothing is known to break).</summary>
    /// <param name="modelDirectory">The folder with the <c>MLmodel</c> file.</param>
    /// <param name="explicitEnvironment">Whether the deployment gives its own environment without a scoring script.</param>
    /// <exception cref="MlflowModelException">The MLmodel file cannot be read.</exception>
    /// <exception cref="ArgumentException">An environment file is not valid YAML.</exception>
    public static IReadOnlyList<PreflightFinding> Check(string modelDirectory, bool explicitEnvironment = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        return Check(MlflowModel.Load(modelDirectory), modelDirectory, explicitEnvironment);
    }

    internal static IReadOnlyList<PreflightFinding> Check(MlflowModel model, string modelDirectory, bool explicitEnvironment) =>
        ServingRules.Evaluate(model, ModelEnvironmentFiles.Read(modelDirectory), explicitEnvironment);
}
