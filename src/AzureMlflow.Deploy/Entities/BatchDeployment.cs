namespace AzureMlflow.Deploy;

/// <summary>
/// A batch deployment of a model: work is split by file into mini-batches that run in parallel on a compute cluster.
/// For an MLflow model no environment and no scoring script are needed (no-code deployment).
/// </summary>
public class BatchDeployment : Deployment
{
    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (case-insensitive; the service keeps it lower-cased).</param>
    /// <param name="endpointName">The batch endpoint it belongs to.</param>
    public BatchDeployment(string name, string endpointName)
        : base(name, endpointName)
    {
    }

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
