namespace AzureMlflow.Deploy;

/// <summary>
/// What online and batch endpoints share, as Python's <c>azure.ai.ml.entities.Endpoint</c> does: a named, authenticated
/// URI in front of deployments, with the resource's tags, properties and region.
/// </summary>
public abstract class Endpoint
{
    /// <summary>Creates an endpoint description.</summary>
    /// <param name="name">3 to 32 characters: a letter first, then letters, digits and hyphens, ending with a letter or digit. Unique per Azure region.</param>
    /// <param name="authMode">How callers authenticate unless told otherwise.</param>
    protected Endpoint(string name, EndpointAuthMode authMode)
    {
        Name = name;
        AuthMode = authMode;
    }

    /// <summary>The endpoint name.</summary>
    public string Name { get; set; }

    /// <summary>A description of the endpoint.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// How callers authenticate: a key (the default for online endpoints), an Azure ML token, or an Azure AD token (the
    /// only mode of batch endpoints).
    /// </summary>
    public EndpointAuthMode AuthMode { get; set; }

    /// <summary>Tags of the endpoint resource.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>Free-form properties of the endpoint.</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>();

    /// <summary>The Azure region. Null uses the workspace's region.</summary>
    public string? Location { get; set; }

    /// <summary>The ARM resource id (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>The URI that accepts scoring requests, or batch invocations (<c>.../jobs</c>) (set by the service).</summary>
    public Uri? ScoringUri { get; internal set; }

    /// <summary>The URI of the OpenAPI (swagger) document of the scoring API, if any (set by the service).</summary>
    public Uri? OpenApiUri { get; internal set; }

    /// <summary>The provisioning state, such as <c>Creating</c>, <c>Succeeded</c> or <c>Failed</c> (set by the service).</summary>
    public EndpointProvisioningState? ProvisioningState { get; internal set; }
}
