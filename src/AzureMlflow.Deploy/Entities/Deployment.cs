namespace AzureMlflow.Deploy;

/// <summary>
/// What online and batch deployments share, as Python's <c>azure.ai.ml.entities.Deployment</c> does: a named deployment
/// of a model under an endpoint, with the environment and scoring script it needs when the model is not served as an
/// MLflow model, and the resource's tags, properties and region.
/// </summary>
public abstract class Deployment
{
    private string _name;

    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (case-insensitive; the service keeps it lower-cased).</param>
    /// <param name="endpointName">The endpoint the deployment belongs to.</param>
    protected Deployment(string name, string endpointName)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        EndpointName = endpointName ?? throw new ArgumentNullException(nameof(endpointName));
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

    /// <summary>
    /// The model: a registered reference (<c>azureml:name:version</c>, <c>name@latest</c>, an ARM id) or a
    /// <see cref="Deploy.Model"/> (registered first). After <c>Get</c>, the ARM id of the registered model version.
    /// </summary>
    public ModelReference? Model { get; set; }

    /// <summary>Environment variables of the scoring server or runs.</summary>
    public IDictionary<string, string> EnvironmentVariables { get; } = new Dictionary<string, string>();

    /// <summary>
    /// The environment a scoring script runs in: <c>azureml:name:version</c>, <c>azureml:name@latest</c>, a curated
    /// <c>AzureML-...</c> name, an id, or an inline <see cref="MLEnvironment"/> (registered with the deployment). Needed
    /// with a scoring script; leave null for MLflow no-code deployments. After <c>Get</c>, the environment version's ARM id.
    /// </summary>
    public EnvironmentReference? Environment { get; set; }

    /// <summary>
    /// A scoring script and its code (a local folder is uploaded with the deployment): <c>init()</c> and <c>run(raw_data)</c>
    /// online, <c>init()</c> and <c>run(mini_batch)</c> in batch. Leave null for MLflow no-code deployments.
    /// </summary>
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
