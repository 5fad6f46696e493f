namespace AzureMlflow.Deploy;

/// <summary>The container of a deployment whose logs <see cref="OnlineDeploymentOperations.GetLogs"/> reads. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct ContainerType : IEquatable<ContainerType>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public ContainerType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The inference server that loads the model and answers scoring requests (the default) (<c>InferenceServer</c>).</summary>
    public static ContainerType InferenceServer { get; } = new("InferenceServer");

    /// <summary>The init container that downloads the model before the server starts (<c>StorageInitializer</c>).</summary>
    public static ContainerType StorageInitializer { get; } = new("StorageInitializer");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(ContainerType left, ContainerType right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(ContainerType left, ContainerType right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator ContainerType(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ContainerType other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ContainerType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
