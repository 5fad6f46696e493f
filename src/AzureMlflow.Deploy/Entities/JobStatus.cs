namespace AzureMlflow.Deploy;

/// <summary>The status of a job, as the service reports it; unknown values are kept as they are.</summary>
public readonly struct JobStatus : IEquatable<JobStatus>
{
    private readonly string? _value;

    /// <summary>Wraps a status string.</summary>
    /// <param name="value">The service's status.</param>
    public JobStatus(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Created, not yet queued.</summary>
    public static JobStatus NotStarted { get; } = new("NotStarted");

    /// <summary>Waiting for compute.</summary>
    public static JobStatus Queued { get; } = new("Queued");

    /// <summary>Scoring.</summary>
    public static JobStatus Running { get; } = new("Running");

    /// <summary>Finished successfully.</summary>
    public static JobStatus Completed { get; } = new("Completed");

    /// <summary>Finished with an error.</summary>
    public static JobStatus Failed { get; } = new("Failed");

    /// <summary>Cancellation asked for, not yet done.</summary>
    public static JobStatus CancelRequested { get; } = new("CancelRequested");

    /// <summary>Stopped by a cancellation.</summary>
    public static JobStatus Canceled { get; } = new("Canceled");

    /// <summary>Whether the job has stopped (completed, failed or canceled).</summary>
    public bool IsTerminal => Equals(Completed) || Equals(Failed) || Equals(Canceled);

    /// <inheritdoc/>
    public bool Equals(JobStatus other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is JobStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(_value ?? string.Empty);

    /// <summary>Compares two statuses (case-insensitive).</summary>
    /// <param name="left">A status.</param>
    /// <param name="right">Another status.</param>
    public static bool operator ==(JobStatus left, JobStatus right) => left.Equals(right);

    /// <summary>Compares two statuses (case-insensitive).</summary>
    /// <param name="left">A status.</param>
    /// <param name="right">Another status.</param>
    public static bool operator !=(JobStatus left, JobStatus right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => _value ?? string.Empty;
}
