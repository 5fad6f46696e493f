namespace AzureMlflow.Deploy;

/// <summary>
/// An online deployment: instances serving one model behind an endpoint, on Azure's managed VMs
/// (<see cref="ManagedOnlineDeployment"/>) or on a Kubernetes compute (<see cref="KubernetesOnlineDeployment"/>). For an
/// MLflow model no environment and no scoring script are needed: the service generates them from the model's <c>MLmodel</c> file.
/// </summary>
public abstract class OnlineDeployment : Deployment
{
    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (case-insensitive; the service keeps it lower-cased).</param>
    /// <param name="endpointName">The endpoint the deployment belongs to.</param>
    protected OnlineDeployment(string name, string endpointName)
        : base(name, endpointName)
    {
    }

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

    /// <summary>Whether Application Insights collects the deployment's telemetry.</summary>
    public bool? AppInsightsEnabled { get; set; }

    /// <summary>
    /// Where the model is mounted in the inference container (<c>model_mount_path</c>), for custom containers that
    /// expect it at a fixed path; null for the service's default location.
    /// </summary>
    public string? ModelMountPath { get; set; }
}
