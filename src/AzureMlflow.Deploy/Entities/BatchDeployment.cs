namespace AzureMlflow.Deploy;

/// <summary>
/// A batch deployment of a model: work is split by file into mini-batches that run in parallel on a compute cluster.
/// For an MLflow model no environment and no scoring script are needed (no-code deployment).
/// </summary>
public class BatchDeployment
{
    private string _name;

    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (case-insensitive; the service keeps it lower-cased).</param>
    /// <param name="endpointName">The batch endpoint it belongs to.</param>
    public BatchDeployment(string name, string endpointName)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        EndpointName = endpointName ?? throw new ArgumentNullException(nameof(endpointName));
    }

    /// <summary>The deployment name (case-insensitive; the service keeps it lower-cased).</summary>
    public string Name { get => _name; set => _name = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>The batch endpoint.</summary>
    public string EndpointName { get; set; }

    /// <summary>A description.</summary>
    public string? Description { get; set; }

    /// <summary>The model: a registered reference (<c>azureml:name:version</c>, <c>name@latest</c>, ARM id) or a <see cref="Deploy.Model"/> (registered first).</summary>
    public ModelReference? Model { get; set; }

    /// <summary>The compute cluster, by name or ARM id.</summary>
    public string? Compute { get; set; }

    /// <summary>How many nodes run the job.</summary>
    public int? InstanceCount { get; set; }

    /// <summary>The VM size, when the compute allows choosing.</summary>
    public string? InstanceType { get; set; }

    /// <summary>Files per mini-batch (service default 10).</summary>
    public int? MiniBatchSize { get; set; }

    /// <summary>Parallel mini-batches per node (service default 1).</summary>
    public int? MaxConcurrencyPerInstance { get; set; }

    /// <summary>Append predictions to the output file (default) or write only a summary.</summary>
    public BatchOutputAction? OutputAction { get; set; }

    /// <summary>The output file name (service default <c>predictions.csv</c>); not allowed with <see cref="BatchOutputAction.SummaryOnly"/>.</summary>
    public string? OutputFileName { get; set; }

    /// <summary>How many failed files the job tolerates before it fails; -1 (service default) tolerates all.</summary>
    public int? ErrorThreshold { get; set; }

    /// <summary>Retries and timeout per mini-batch.</summary>
    public BatchRetrySettings? RetrySettings { get; set; }

    /// <summary>The log level.</summary>
    public BatchLoggingLevel? LoggingLevel { get; set; }

    /// <summary>Environment variables for the scoring runs.</summary>
    public IDictionary<string, string> EnvironmentVariables { get; } = new Dictionary<string, string>();

    /// <summary>
    /// The environment the scoring script runs in: <c>azureml:name:version</c>, <c>azureml:name@latest</c>, a curated
    /// <c>AzureML-...</c> name, an id, or an inline <see cref="MLEnvironment"/> (registered with the deployment). Needed
    /// with a scoring script; leave null for MLflow models scored without one. After <c>Get</c>, the environment version's ARM id.
    /// </summary>
    public EnvironmentReference? Environment { get; set; }

    /// <summary>A scoring script (<c>init()</c>, <c>run(mini_batch)</c>) and its code; a local folder is uploaded with the deployment.</summary>
    public CodeConfiguration? CodeConfiguration { get; set; }

    /// <summary>Tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>Free-form properties.</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>();

    /// <summary>The Azure region; the workspace's when null.</summary>
    public string? Location { get; set; }

    /// <summary>The ARM id (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>The provisioning state reported by the service.</summary>
    public DeploymentProvisioningState? ProvisioningState { get; internal set; }

    /// <summary>
    /// Reads the CLI v2 YAML that <c>az ml batch-deployment create -f</c> takes. Relative paths are resolved against the file's folder; unknown
    /// keys, wrong types and unsupported values fail with <see cref="CliYamlException"/> naming their lines.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid BatchDeployment.</exception>
    public static BatchDeployment Load(string path) => Yaml.DeploymentYaml.LoadBatch(path);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.DeploymentYaml.SaveBatch(this, path);

    /// <inheritdoc/>
    public override string ToString() => $"BatchDeployment '{Name}' of '{EndpointName}' (mini-batch {MiniBatchSize?.ToString() ?? "default"}, state {ProvisioningState?.ToString() ?? "new"})";
}
