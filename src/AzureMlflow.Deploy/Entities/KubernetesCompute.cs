namespace AzureMlflow.Deploy;

/// <summary>
/// A Kubernetes cluster (AKS or Arc-enabled) attached to the workspace with the Azure ML extension: what Kubernetes
/// online endpoints run on. Attached in the portal or with the CLI; this SDK reads them.
/// </summary>
public class KubernetesCompute : Compute
{
    internal KubernetesCompute(string name)
        : base(name) => ComputeType = "Kubernetes";

    /// <summary>The Kubernetes namespace the workloads run in.</summary>
    public string? Namespace { get; internal set; }

    /// <summary>The instance type used when a deployment names none.</summary>
    public string? DefaultInstanceType { get; internal set; }

    /// <summary>The instance types the cluster offers.</summary>
    public IReadOnlyList<string> InstanceTypes { get; internal set; } = [];

    /// <inheritdoc/>
    public override string ToString() => $"Kubernetes compute '{Name}' ({ResourceId}, state {ProvisioningState?.ToString() ?? "new"})";
}
