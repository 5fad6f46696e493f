namespace AzureMlflow.Deploy.Mlflow;

/// <summary>
/// One known cause of an MLflow no-code deployment failing in Azure ML's serving image, found in the model's
/// environment files, with the public report it comes from.
/// </summary>
public sealed class PreflightFinding
{
    internal PreflightFinding(string ruleId, PreflightSeverity severity, string message, Uri source, DateOnly date)
    {
        RuleId = ruleId;
        Severity = severity;
        Message = message;
        Source = source;
        Date = date;
    }

    /// <summary>The rule's id, such as <c>mlflow-3.7</c>.</summary>
    public string RuleId { get; }

    /// <summary>Whether the deployment goes ahead (<see cref="PreflightSeverity.Warning"/>) or is refused.</summary>
    public PreflightSeverity Severity { get; }

    /// <summary>What is wrong and what to do about it.</summary>
    public string Message { get; }

    /// <summary>The public report of the failure (an issue, a pull request, documentation).</summary>
    public Uri Source { get; }

    /// <summary>The date of that report.</summary>
    public DateOnly Date { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Severity} {RuleId}: {Message} (source: {Source}, {Date:yyyy-MM-dd})";
}
