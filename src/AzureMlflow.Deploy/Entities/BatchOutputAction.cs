namespace AzureMlflow.Deploy;

/// <summary>What a batch deployment writes for each scored file. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct BatchOutputAction : IEquatable<BatchOutputAction>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public BatchOutputAction(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Append every prediction as a row of the output file (<see cref="BatchDeployment.OutputFileName"/>) (<c>AppendRow</c>).</summary>
    public static BatchOutputAction AppendRow { get; } = new("AppendRow");

    /// <summary>Write no output file; only the job's summary (<c>SummaryOnly</c>).</summary>
    public static BatchOutputAction SummaryOnly { get; } = new("SummaryOnly");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(BatchOutputAction left, BatchOutputAction right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(BatchOutputAction left, BatchOutputAction right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator BatchOutputAction(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(BatchOutputAction other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BatchOutputAction other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
