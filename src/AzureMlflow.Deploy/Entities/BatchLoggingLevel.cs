namespace AzureMlflow.Deploy;

/// <summary>The log level of a batch deployment's scoring runs. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct BatchLoggingLevel : IEquatable<BatchLoggingLevel>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public BatchLoggingLevel(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Warnings and errors (<c>Warning</c>).</summary>
    public static BatchLoggingLevel Warning { get; } = new("Warning");

    /// <summary>Informational messages (the service default) (<c>Info</c>).</summary>
    public static BatchLoggingLevel Info { get; } = new("Info");

    /// <summary>Everything (<c>Debug</c>).</summary>
    public static BatchLoggingLevel Debug { get; } = new("Debug");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(BatchLoggingLevel left, BatchLoggingLevel right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(BatchLoggingLevel left, BatchLoggingLevel right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator BatchLoggingLevel(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(BatchLoggingLevel other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BatchLoggingLevel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
