namespace AzureMlflow.Deploy;

/// <summary>Whether a network path is open. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct NetworkAccess : IEquatable<NetworkAccess>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public NetworkAccess(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Access is allowed (<c>Enabled</c>).</summary>
    public static NetworkAccess Enabled { get; } = new("Enabled");

    /// <summary>Access is blocked (<c>Disabled</c>).</summary>
    public static NetworkAccess Disabled { get; } = new("Disabled");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(NetworkAccess left, NetworkAccess right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(NetworkAccess left, NetworkAccess right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator NetworkAccess(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(NetworkAccess other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NetworkAccess other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
