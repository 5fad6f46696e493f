namespace AzureMlflow.Deploy;

/// <summary>
/// An online endpoint: a stable HTTPS scoring URI whose <see cref="Traffic"/> is split between deployments, on Azure's
/// managed infrastructure (<see cref="ManagedOnlineEndpoint"/>) or on an attached Kubernetes compute
/// (<see cref="KubernetesOnlineEndpoint"/>). <see cref="OnlineEndpointOperations.Get"/> returns the right one.
/// </summary>
public abstract class OnlineEndpoint
{
    /// <summary>Creates an endpoint description with the given name.</summary>
    /// <param name="name">3 to 32 characters: a letter first, then letters, digits and hyphens, ending with a letter or digit. Unique per Azure region.</param>
    protected OnlineEndpoint(string name) => Name = name;

    /// <summary>The endpoint name.</summary>
    public string Name { get; set; }

    /// <summary>A description of the endpoint.</summary>
    public string? Description { get; set; }

    /// <summary>How scoring callers authenticate. Defaults to <see cref="EndpointAuthMode.Key"/>.</summary>
    public EndpointAuthMode AuthMode { get; set; } = EndpointAuthMode.Key;

    /// <summary>
    /// Live traffic per deployment name, in percent; the values sum to 100 (or are all 0). After <c>Get</c>, deployments that get
    /// no traffic are listed with 0.
    /// </summary>
    public IDictionary<string, int> Traffic { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Percent of live requests copied to a deployment (shadow traffic) whose answers are discarded; at most 50 in total.</summary>
    public IDictionary<string, int> MirrorTraffic { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the scoring URI is reachable from the public internet. Null leaves the service default (enabled).</summary>
    public NetworkAccess? PublicNetworkAccess { get; set; }

    /// <summary>The endpoint's managed identity. Null means system-assigned.</summary>
    public ManagedIdentity? Identity { get; set; }

    /// <summary>Tags of the endpoint resource.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>Free-form properties of the endpoint.</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>();

    /// <summary>The Azure region. Null uses the workspace's region.</summary>
    public string? Location { get; set; }

    /// <summary>The ARM resource id (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>The URI that accepts scoring requests (set by the service).</summary>
    public Uri? ScoringUri { get; internal set; }

    /// <summary>The URI of the OpenAPI (swagger) document of the scoring API (set by the service).</summary>
    public Uri? OpenApiUri { get; internal set; }

    /// <summary>The provisioning state, such as <c>Creating</c>, <c>Succeeded</c> or <c>Failed</c> (set by the service).</summary>
    public EndpointProvisioningState? ProvisioningState { get; internal set; }
}
