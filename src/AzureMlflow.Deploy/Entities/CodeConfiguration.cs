namespace AzureMlflow.Deploy;

/// <summary>
/// A scoring script and the code it lives in. MLflow models need none (no-code deployment); set it to bring your own
/// <c>init()</c>/<c>run()</c>, together with an environment. The counterpart of Python's <c>CodeConfiguration</c>.
/// </summary>
public class CodeConfiguration
{
    /// <summary>Creates a code configuration.</summary>
    /// <param name="code">
    /// A local folder (uploaded as an anonymous code asset when the deployment is created, or reused when the workspace
    /// already holds the same content), <c>azureml:name:version</c>, or a code asset id.
    /// </param>
    /// <param name="scoringScript">The scoring script's path inside the code folder, such as <c>score.py</c>.</param>
    public CodeConfiguration(string code, string scoringScript)
    {
        Code = code;
        ScoringScript = scoringScript;
    }

    /// <summary>
    /// A local folder, <c>azureml:name:version</c>, or a code asset id. After a deployment is read, the ARM id of the
    /// registered code version.
    /// </summary>
    public string Code { get; set; }

    /// <summary>The scoring script's path inside the code folder.</summary>
    public string ScoringScript { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{ScoringScript} in {Code}";
}
