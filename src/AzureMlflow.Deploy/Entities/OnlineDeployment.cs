namespace AzureMlflow.Deploy;

/// <summary>
/// An online deployment: instances serving one model behind an endpoint, on Azure's managed VMs
/// (<see cref="ManagedOnlineDeployment"/>) or on a Kubernetes compute (<see cref="KubernetesOnlineDeployment"/>). For an
/// MLflow model no environment and no scoring script are needed: the service generates them from the model's <c>MLmodel</c> file.
/// </summary>
public abstract class OnlineDeployment
{
    private string _name = string.Empty;

    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (case-insensitive; the service keeps it lower-cased).</param>
    /// <param name="endpointName">The endpoint the deployment belongs to.</param>
    protected OnlineDeployment(string name, string endpointName)
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

    /// <summary>
    /// Where the model is mounted in the inference container (<c>model_mount_path</c>), for custom containers that
    /// expect it at a fixed path; null for the service's default location.
    /// </summary>
    public string? ModelMountPath { get; set; }

    /// <summary>
    /// The environment a scoring script runs in: <c>azureml:name:version</c>, <c>azureml:name@latest</c>, a curated
    /// <c>AzureML-...</c> name, an id, or an inline <see cref="MLEnvironment"/> (registered with the deployment). Leave
    /// null for MLflow no-code deployments. After <c>Get</c>, the ARM id of the environment version.
    /// </summary>
    public EnvironmentReference? Environment { get; set; }

    /// <summary>A scoring script and its code (a local folder is uploaded with the deployment). Leave null for MLflow no-code deployments.</summary>
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
}
