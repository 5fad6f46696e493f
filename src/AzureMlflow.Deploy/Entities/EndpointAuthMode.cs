namespace AzureMlflow.Deploy;

/// <summary>How callers authenticate to an online or batch endpoint. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct EndpointAuthMode : IEquatable<EndpointAuthMode>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public EndpointAuthMode(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Static keys, read with <see cref="OnlineEndpointOperations.GetKeys"/> (CLI YAML <c>key</c>).</summary>
    public static EndpointAuthMode Key { get; } = new("Key");

    /// <summary>Short-lived Azure ML tokens issued by the endpoint (CLI YAML <c>aml_token</c>).</summary>
    public static EndpointAuthMode AmlToken { get; } = new("AMLToken");

    /// <summary>Microsoft Entra ID tokens for the Azure ML audience (CLI YAML <c>aad_token</c>).</summary>
    public static EndpointAuthMode AadToken { get; } = new("AADToken");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(EndpointAuthMode left, EndpointAuthMode right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(EndpointAuthMode left, EndpointAuthMode right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator EndpointAuthMode(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(EndpointAuthMode other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EndpointAuthMode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
