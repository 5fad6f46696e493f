namespace AzureMlflow.Deploy;

/// <summary>One thing that happened to a streamed job: a status change, or a new log line.</summary>
public sealed class JobEvent
{
    internal JobEvent(JobStatus status, string? logLine, BatchJob job)
    {
        Status = status;
        LogLine = logLine;
        Job = job;
    }

    /// <summary>The job's status at that point.</summary>
    public JobStatus Status { get; }

    /// <summary>The new log line, or null when the event is a status change.</summary>
    public string? LogLine { get; }

    /// <summary>The job as last read (status, times, error).</summary>
    public BatchJob Job { get; }

    /// <summary>Whether this event is a status change (rather than a log line).</summary>
    public bool IsStatusChange => LogLine is null;

    /// <inheritdoc/>
    public override string ToString() => IsStatusChange ? $"Job '{Job.Name}': {Status}" : $"Job '{Job.Name}': {LogLine}";
}
