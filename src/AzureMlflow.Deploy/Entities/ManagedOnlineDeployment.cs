namespace AzureMlflow.Deploy;

/// <summary>
/// A managed online deployment: instances of one VM size serving one model behind an endpoint. For an MLflow model no
/// environment and no scoring script are needed: the service generates them from the model's <c>MLmodel</c> file.
/// </summary>
public class ManagedOnlineDeployment
{
    private string _name = string.Empty;

    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (case-insensitive; the service keeps it lower-cased).</param>
    /// <param name="endpointName">The endpoint the deployment belongs to.</param>
    public ManagedOnlineDeployment(string name, string endpointName)
    {
        Name = name;
        EndpointName = endpointName;
    }

    /// <summary>The deployment name (case-insensitive; the service keeps it lower-cased).</summary>
    public string Name
    {
        get => _name;
        set => _name = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The endpoint the deployment belongs to.</summary>
    public string EndpointName { get; set; }

    /// <summary>A description of the deployment.</summary>
    public string? Description { get; set; }

    /// <summary>The model to serve. After <c>Get</c>, the ARM id of the registered model version.</summary>
    public ModelReference? Model { get; set; }

    /// <summary>The VM size, such as <c>Standard_DS3_v2</c>.</summary>
    public string? InstanceType { get; set; }

    /// <summary>How many instances serve the deployment (sent as <c>sku.capacity</c>). Null sends 1.</summary>
    public int? InstanceCount { get; set; }

    /// <summary>Request queueing and timeouts.</summary>
    public OnlineRequestSettings? RequestSettings { get; set; }

    /// <summary>The liveness probe.</summary>
    public ProbeSettings? LivenessProbe { get; set; }

    /// <summary>The readiness probe.</summary>
    public ProbeSettings? ReadinessProbe { get; set; }

    /// <summary>Environment variables of the inference server.</summary>
    public IDictionary<string, string> EnvironmentVariables { get; } = new Dictionary<string, string>();

    /// <summary>Whether Application Insights collects the deployment's telemetry.</summary>
    public bool? AppInsightsEnabled { get; set; }

    /// <summary>Whether the deployment may reach the public internet.</summary>
    public NetworkAccess? EgressPublicNetworkAccess { get; set; }

    /// <summary>An environment id. Leave null for MLflow no-code deployments.</summary>
    public string? EnvironmentId { get; set; }

    /// <summary>A scoring script. Leave null for MLflow no-code deployments.</summary>
    public CodeConfiguration? CodeConfiguration { get; set; }

    /// <summary>Tags of the deployment resource.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>Free-form properties of the deployment.</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>();

    /// <summary>The Azure region. Null uses the workspace's region.</summary>
    public string? Location { get; set; }

    /// <summary>The ARM resource id (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>The provisioning state, such as <c>Creating</c>, <c>Succeeded</c> or <c>Failed</c> (set by the service).</summary>
    public DeploymentProvisioningState? ProvisioningState { get; internal set; }

    /// <summary>
    /// Reads the CLI v2 YAML that <c>az ml online-deployment create -f</c> takes. Relative paths are resolved against the file's folder; unknown
    /// keys, wrong types and unsupported values fail with <see cref="CliYamlException"/> naming their lines.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid ManagedOnlineDeployment.</exception>
    public static ManagedOnlineDeployment Load(string path) => Yaml.DeploymentYaml.LoadOnline(path);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.DeploymentYaml.SaveOnline(this, path);

    /// <inheritdoc/>
    public override string ToString() =>
        $"ManagedOnlineDeployment '{Name}' on '{EndpointName}' ({InstanceCount ?? 1} x {InstanceType}, state {ProvisioningState?.ToString() ?? "new"})";
}
