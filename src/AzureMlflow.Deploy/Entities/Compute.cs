namespace AzureMlflow.Deploy;

/// <summary>
/// A compute target of the workspace: an <see cref="AmlCompute"/> cluster (which batch deployments run on) or an attached
/// <see cref="KubernetesCompute"/>. <see cref="ComputeOperations.Get"/> and <see cref="ComputeOperations.List"/> return the
/// right subtype; a type this version does not know is returned as a plain <see cref="Compute"/>.
/// </summary>
public class Compute
{
    /// <summary>Creates a compute description (for the derived types and mocking).</summary>
    /// <param name="name">The compute name.</param>
    protected Compute(string name) => Name = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The compute name.</summary>
    public string Name { get; }

    /// <summary>The service's compute type, such as <c>AmlCompute</c> or <c>Kubernetes</c>.</summary>
    public string ComputeType { get; internal set; } = string.Empty;

    /// <summary>The ARM resource id (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>The Azure region; the workspace's when not set.</summary>
    public string? Location { get; set; }

    /// <summary>A description.</summary>
    public string? Description { get; set; }

    /// <summary>Tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>The ARM id of the underlying resource (the cluster of an attached compute), if any (set by the service).</summary>
    public string? ResourceId { get; internal set; }

    /// <summary>Whether the compute was attached rather than created by the workspace (set by the service).</summary>
    public bool IsAttached { get; internal set; }

    /// <summary>The provisioning state (set by the service).</summary>
    public ComputeProvisioningState? ProvisioningState { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => $"{ComputeType} compute '{Name}' (state {ProvisioningState?.ToString() ?? "new"})";

    internal static Compute Unknown(string name, string computeType) => new(name) { ComputeType = computeType };
}
