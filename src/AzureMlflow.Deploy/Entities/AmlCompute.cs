namespace AzureMlflow.Deploy;

/// <summary>
/// A compute cluster (<c>AmlCompute</c>) that scales between <see cref="MinInstances"/> and <see cref="MaxInstances"/>
/// nodes of one VM size: what batch deployments run on. The counterpart of Python's <c>AmlCompute</c>.
/// </summary>
public class AmlCompute : Compute
{
    /// <summary>Creates a cluster description.</summary>
    /// <param name="name">The compute name.</param>
    public AmlCompute(string name)
        : base(name) => ComputeType = "AmlCompute";

    /// <summary>The VM size, such as <c>Standard_DS3_v2</c>; the service's default when not set.</summary>
    public string? Size { get; set; }

    /// <summary>The fewest nodes the cluster keeps (0 lets it scale to nothing when idle).</summary>
    public int MinInstances { get; set; }

    /// <summary>The most nodes the cluster scales to (at least 1).</summary>
    public int MaxInstances { get; set; } = 1;

    /// <summary>How long a node stays idle before the cluster scales down; the service's default when not set.</summary>
    public TimeSpan? IdleTimeBeforeScaleDown { get; set; }

    /// <summary>Dedicated or low-priority VMs; dedicated when not set.</summary>
    public AmlComputeTier? Tier { get; set; }

    /// <summary>The nodes the cluster has now (set by the service).</summary>
    public int? CurrentNodeCount { get; internal set; }

    /// <summary>Whether the cluster is <c>Steady</c> or <c>Resizing</c> (set by the service).</summary>
    public string? AllocationState { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"AmlCompute '{Name}' ({Size ?? "default size"}, {MinInstances}-{MaxInstances} nodes, state {ProvisioningState?.ToString() ?? "new"})";
}
