namespace AzureMlflow.Deploy;

/// <summary>One thing that happened to a streamed job: a status change, or a new log line.</summary>
/// <param name="Status">The job's status at that point.</param>
/// <param name="LogLine">The new log line, or null when the event is a status change.</param>
/// <param name="Job">The job as last read (status, times, error).</param>
public sealed record JobEvent(JobStatus Status, string? LogLine, BatchJob Job)
{
    /// <summary>Whether this event is a status change (rather than a log line).</summary>
    public bool IsStatusChange => LogLine is null;
}
