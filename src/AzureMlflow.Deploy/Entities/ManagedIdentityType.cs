namespace AzureMlflow.Deploy;

/// <summary>Which managed identity a resource uses. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct ManagedIdentityType : IEquatable<ManagedIdentityType>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public ManagedIdentityType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>An identity created and managed with the resource (<c>SystemAssigned</c>).</summary>
    public static ManagedIdentityType SystemAssigned { get; } = new("SystemAssigned");

    /// <summary>One or more identities the user created (<c>UserAssigned</c>).</summary>
    public static ManagedIdentityType UserAssigned { get; } = new("UserAssigned");

    /// <summary>Both a system-assigned identity and user-assigned identities (<c>SystemAssigned,UserAssigned</c>).</summary>
    public static ManagedIdentityType SystemAssignedUserAssigned { get; } = new("SystemAssigned,UserAssigned");

    /// <summary>No identity (<c>None</c>).</summary>
    public static ManagedIdentityType None { get; } = new("None");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(ManagedIdentityType left, ManagedIdentityType right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(ManagedIdentityType left, ManagedIdentityType right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator ManagedIdentityType(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ManagedIdentityType other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ManagedIdentityType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
