namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of <c>onlineEndpoints/{name}</c>.</summary>
internal sealed class OnlineEndpointData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Location { get; set; }
    public string? Kind { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public ManagedServiceIdentityData? Identity { get; set; }
    public OnlineEndpointPropertiesData? Properties { get; set; }
}

internal sealed class OnlineEndpointPropertiesData
{
    public string? Description { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public string? AuthMode { get; set; }
    public Dictionary<string, int>? Traffic { get; set; }
    public Dictionary<string, int>? MirrorTraffic { get; set; }
    public string? PublicNetworkAccess { get; set; }
    public string? ProvisioningState { get; set; }
    public string? ScoringUri { get; set; }
    public string? SwaggerUri { get; set; }
    public string? Compute { get; set; }
}

internal sealed class ManagedServiceIdentityData
{
    public string? Type { get; set; }
    public string? PrincipalId { get; set; }
    public string? TenantId { get; set; }
    public Dictionary<string, UserAssignedIdentityData>? UserAssignedIdentities { get; set; }
}

internal sealed class UserAssignedIdentityData
{
    public string? PrincipalId { get; set; }
    public string? ClientId { get; set; }
}

/// <summary>Converts <see cref="ManagedOnlineEndpoint"/> to and from its wire shape.</summary>
internal static class EndpointMapper
{
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="location">The region to use when the endpoint names none.</param>
    /// <param name="computeId">The ARM id of a Kubernetes endpoint's compute (the entity may name it by name).</param>
    public static OnlineEndpointData ToWire(OnlineEndpoint endpoint, string location, string? computeId = null) => new()
    {
        Location = endpoint.Location ?? location,
        // The service marks managed endpoints by kind and Kubernetes ones by their compute, as Python tells them apart.
        // No kind, as Python sends none: the service answers Managed for a managed endpoint either way.
        Tags = new Dictionary<string, string>(endpoint.Tags),
        Identity = IdentityToWire(endpoint.Identity),
        Properties = new OnlineEndpointPropertiesData
        {
            Description = endpoint.Description,
            AuthMode = endpoint.AuthMode.ToString(),
            Properties = new Dictionary<string, string>(endpoint.Properties),
            // Zero entries are dropped and names lower-cased, as the service stores deployment names lower-cased.
            Traffic = NonZeroLowerCased(endpoint.Traffic),
            MirrorTraffic = NonZeroLowerCased(endpoint.MirrorTraffic),
            PublicNetworkAccess = endpoint.PublicNetworkAccess?.ToString(),
            Compute = endpoint is KubernetesOnlineEndpoint ? computeId : null,
        },
    };

    public static OnlineEndpoint FromWire(OnlineEndpointData data)
    {
        OnlineEndpointPropertiesData properties = data.Properties ?? new();
        string name = data.Name ?? string.Empty;
        OnlineEndpoint endpoint = properties.Compute is { Length: > 0 } compute ? new KubernetesOnlineEndpoint(name, compute) : new ManagedOnlineEndpoint(name);
        endpoint.Id = data.Id;
        endpoint.Location = data.Location;
        endpoint.Description = properties.Description;
        endpoint.AuthMode = properties.AuthMode is null ? EndpointAuthMode.Key : new EndpointAuthMode(properties.AuthMode);
        endpoint.PublicNetworkAccess = properties.PublicNetworkAccess is { } access ? new NetworkAccess(access) : (NetworkAccess?)null;
        endpoint.ProvisioningState = properties.ProvisioningState is { } state ? new EndpointProvisioningState(state) : (EndpointProvisioningState?)null;
        endpoint.ScoringUri = ToUri(properties.ScoringUri);
        endpoint.OpenApiUri = ToUri(properties.SwaggerUri);
        endpoint.Identity = IdentityFromWire(data.Identity);
        CopyInto(data.Tags, endpoint.Tags);
        CopyInto(properties.Properties, endpoint.Properties);
        CopyInto(properties.Traffic, endpoint.Traffic);
        CopyInto(properties.MirrorTraffic, endpoint.MirrorTraffic);
        return endpoint;
    }

    private static ManagedServiceIdentityData IdentityToWire(ManagedIdentity? identity)
    {
        if (identity is null)
        {
            return new ManagedServiceIdentityData { Type = "SystemAssigned" };
        }
        var data = new ManagedServiceIdentityData { Type = identity.Type.ToString() };
        if (identity.UserAssignedIdentities.Count > 0)
        {
            data.UserAssignedIdentities = identity.UserAssignedIdentities.ToDictionary(id => id, _ => new UserAssignedIdentityData(), StringComparer.OrdinalIgnoreCase);
        }
        return data;
    }

    private static ManagedIdentity? IdentityFromWire(ManagedServiceIdentityData? data)
    {
        if (data?.Type is null)
        {
            return null;
        }
        var identity = new ManagedIdentity(WireNames.ParseIdentityType(data.Type)) { PrincipalId = data.PrincipalId, TenantId = data.TenantId };
        foreach (string id in data.UserAssignedIdentities?.Keys ?? Enumerable.Empty<string>())
        {
            identity.UserAssignedIdentities.Add(id);
        }
        return identity;
    }

    private static Dictionary<string, int> NonZeroLowerCased(IDictionary<string, int> traffic) =>
        traffic.Where(pair => pair.Value != 0).ToDictionary(pair => pair.Key.ToLowerInvariant(), pair => pair.Value);

    internal static Uri? ToUri(string? value) => Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) ? uri : null;

    internal static void CopyInto<TValue>(IDictionary<string, TValue>? source, IDictionary<string, TValue> target)
    {
        foreach (KeyValuePair<string, TValue> pair in source ?? new Dictionary<string, TValue>())
        {
            target[pair.Key] = pair.Value;
        }
    }
}
