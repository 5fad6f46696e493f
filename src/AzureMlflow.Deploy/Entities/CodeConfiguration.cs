namespace AzureMlflow.Deploy;

/// <summary>
/// A scoring script from a registered code asset. MLflow models need none (no-code deployment); set it only to override the
/// generated script, together with an environment.
/// </summary>
public class CodeConfiguration
{
    /// <summary>Creates a code configuration.</summary>
    /// <param name="codeId">ARM id of the registered code asset version.</param>
    /// <param name="scoringScript">Path of the scoring script inside the code asset.</param>
    public CodeConfiguration(string codeId, string scoringScript)
    {
        CodeId = codeId;
        ScoringScript = scoringScript;
    }

    /// <summary>ARM id of the registered code asset version.</summary>
    public string CodeId { get; set; }

    /// <summary>Path of the scoring script inside the code asset.</summary>
    public string ScoringScript { get; set; }
}
