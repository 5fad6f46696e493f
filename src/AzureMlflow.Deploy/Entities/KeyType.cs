namespace AzureMlflow.Deploy;

/// <summary>Which endpoint key <see cref="OnlineEndpointOperations.BeginRegenerateKeys"/> replaces. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct KeyType : IEquatable<KeyType>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public KeyType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The primary key (<c>Primary</c>).</summary>
    public static KeyType Primary { get; } = new("Primary");

    /// <summary>The secondary key (<c>Secondary</c>).</summary>
    public static KeyType Secondary { get; } = new("Secondary");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(KeyType left, KeyType right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(KeyType left, KeyType right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator KeyType(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(KeyType other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KeyType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
