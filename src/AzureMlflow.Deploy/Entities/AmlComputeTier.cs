namespace AzureMlflow.Deploy;

/// <summary>The VM priority of a compute cluster's nodes. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct AmlComputeTier : IEquatable<AmlComputeTier>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public AmlComputeTier(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Dedicated VMs (the default) (<c>Dedicated</c>).</summary>
    public static AmlComputeTier Dedicated { get; } = new("Dedicated");

    /// <summary>Low-priority VMs: cheaper, and may be preempted (<c>LowPriority</c>).</summary>
    public static AmlComputeTier LowPriority { get; } = new("LowPriority");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(AmlComputeTier left, AmlComputeTier right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(AmlComputeTier left, AmlComputeTier right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator AmlComputeTier(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(AmlComputeTier other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AmlComputeTier other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
