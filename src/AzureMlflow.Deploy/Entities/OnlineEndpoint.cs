namespace AzureMlflow.Deploy;

/// <summary>
/// An online endpoint: a stable HTTPS scoring URI whose <see cref="Traffic"/> is split between deployments, on Azure's
/// managed infrastructure (<see cref="ManagedOnlineEndpoint"/>) or on an attached Kubernetes compute
/// (<see cref="KubernetesOnlineEndpoint"/>). <see cref="OnlineEndpointOperations.Get"/> returns the right one.
/// </summary>
public abstract class OnlineEndpoint : Endpoint
{
    /// <summary>Creates an endpoint description with the given name; callers authenticate with a key unless <see cref="Endpoint.AuthMode"/> says otherwise.</summary>
    /// <param name="name">3 to 32 characters: a letter first, then letters, digits and hyphens, ending with a letter or digit. Unique per Azure region.</param>
    protected OnlineEndpoint(string name)
        : base(name, EndpointAuthMode.Key)
    {
    }

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
}
