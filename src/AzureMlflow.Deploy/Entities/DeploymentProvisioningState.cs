namespace AzureMlflow.Deploy;

/// <summary>The provisioning state of an online or batch deployment. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct DeploymentProvisioningState : IEquatable<DeploymentProvisioningState>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public DeploymentProvisioningState(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Being created (<c>Creating</c>).</summary>
    public static DeploymentProvisioningState Creating { get; } = new("Creating");

    /// <summary>Being updated (<c>Updating</c>).</summary>
    public static DeploymentProvisioningState Updating { get; } = new("Updating");

    /// <summary>Changing its instance count (<c>Scaling</c>).</summary>
    public static DeploymentProvisioningState Scaling { get; } = new("Scaling");

    /// <summary>Being deleted (<c>Deleting</c>).</summary>
    public static DeploymentProvisioningState Deleting { get; } = new("Deleting");

    /// <summary>The last create or update succeeded (<c>Succeeded</c>).</summary>
    public static DeploymentProvisioningState Succeeded { get; } = new("Succeeded");

    /// <summary>The last create or update failed (<c>Failed</c>).</summary>
    public static DeploymentProvisioningState Failed { get; } = new("Failed");

    /// <summary>The last create or update was canceled (<c>Canceled</c>).</summary>
    public static DeploymentProvisioningState Canceled { get; } = new("Canceled");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(DeploymentProvisioningState left, DeploymentProvisioningState right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(DeploymentProvisioningState left, DeploymentProvisioningState right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator DeploymentProvisioningState(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(DeploymentProvisioningState other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DeploymentProvisioningState other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
