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
