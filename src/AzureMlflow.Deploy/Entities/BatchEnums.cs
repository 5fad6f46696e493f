namespace AzureMlflow.Deploy;

/// <summary>What a batch deployment writes for each scored file.</summary>
public enum BatchOutputAction
{
    /// <summary>Append every prediction as a row of the output file (<see cref="BatchDeployment.OutputFileName"/>).</summary>
    AppendRow,

    /// <summary>Write no output file; only the job's summary.</summary>
    SummaryOnly,
}

/// <summary>The log level of a batch deployment's scoring runs.</summary>
public enum BatchLoggingLevel
{
    /// <summary>Warnings and errors.</summary>
    Warning,

    /// <summary>Informational messages (the service default).</summary>
    Info,

    /// <summary>Everything.</summary>
    Debug,
}
