namespace AzureMlflow.Deploy;

/// <summary>The provisioning state of a compute. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct ComputeProvisioningState : IEquatable<ComputeProvisioningState>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public ComputeProvisioningState(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Not known (<c>Unknown</c>).</summary>
    public static ComputeProvisioningState Unknown { get; } = new("Unknown");

    /// <summary>Being created (<c>Creating</c>).</summary>
    public static ComputeProvisioningState Creating { get; } = new("Creating");

    /// <summary>Being updated (<c>Updating</c>).</summary>
    public static ComputeProvisioningState Updating { get; } = new("Updating");

    /// <summary>Being deleted (<c>Deleting</c>).</summary>
    public static ComputeProvisioningState Deleting { get; } = new("Deleting");

    /// <summary>The last create or update succeeded (<c>Succeeded</c>).</summary>
    public static ComputeProvisioningState Succeeded { get; } = new("Succeeded");

    /// <summary>The last create or update failed (<c>Failed</c>).</summary>
    public static ComputeProvisioningState Failed { get; } = new("Failed");

    /// <summary>The last create or update was canceled (<c>Canceled</c>).</summary>
    public static ComputeProvisioningState Canceled { get; } = new("Canceled");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(ComputeProvisioningState left, ComputeProvisioningState right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(ComputeProvisioningState left, ComputeProvisioningState right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator ComputeProvisioningState(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ComputeProvisioningState other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ComputeProvisioningState other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
