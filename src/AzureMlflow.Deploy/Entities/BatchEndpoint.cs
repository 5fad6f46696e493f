namespace AzureMlflow.Deploy;

/// <summary>A managed batch endpoint: invoked with input data, it runs a scoring job on its default (or a named) deployment.</summary>
public class BatchEndpoint
{
    /// <summary>Creates an endpoint description.</summary>
    /// <param name="name">3-32 characters, letters, digits and '-', starting with a letter.</param>
    public BatchEndpoint(string name) => Name = name;

    /// <summary>The endpoint name.</summary>
    public string Name { get; set; }

    /// <summary>A description.</summary>
    public string? Description { get; set; }

    /// <summary>The auth mode; batch endpoints accept Azure AD tokens only.</summary>
    public EndpointAuthMode AuthMode { get; set; } = EndpointAuthMode.AadToken;

    /// <summary>The deployment that runs invocations that name none.</summary>
    public string? DefaultDeploymentName { get; set; }

    /// <summary>Tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>Free-form properties.</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>();

    /// <summary>The Azure region; the workspace's when null.</summary>
    public string? Location { get; set; }

    /// <summary>The ARM id (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>Where invocations are posted (<c>.../jobs</c>).</summary>
    public Uri? ScoringUri { get; internal set; }

    /// <summary>The OpenAPI document, if any.</summary>
    public Uri? OpenApiUri { get; internal set; }

    /// <summary>The provisioning state reported by the service.</summary>
    public EndpointProvisioningState? ProvisioningState { get; internal set; }

    /// <summary>
    /// Reads the CLI v2 YAML that <c>az ml batch-endpoint create -f</c> takes. Relative paths are resolved against the file's folder; unknown
    /// keys, wrong types and unsupported values fail with <see cref="CliYamlException"/> naming their lines.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid BatchEndpoint.</exception>
    public static BatchEndpoint Load(string path) => Yaml.EndpointYaml.LoadBatch(path);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.EndpointYaml.SaveBatch(this, path);

    /// <inheritdoc/>
    public override string ToString() => $"BatchEndpoint '{Name}' (default deployment {DefaultDeploymentName ?? "none"}, state {ProvisioningState?.ToString() ?? "new"})";
}
