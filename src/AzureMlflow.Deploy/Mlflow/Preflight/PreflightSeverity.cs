namespace AzureMlflow.Deploy.Mlflow;

/// <summary>How serious a preflight finding is.</summary>
public enum PreflightSeverity
{
    /// <summary>A known cause of container crashes; the deployment goes ahead.</summary>
    Warning,

    /// <summary>The model cannot be served at all; the deployment is refused before any request.</summary>
    Error,
}
