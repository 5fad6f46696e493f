namespace AzureMlflow.Deploy;

/// <summary>Kubernetes container resources, in Kubernetes quantities (<c>"0.5"</c> or <c>"500m"</c> CPUs, <c>"2Gi"</c> memory).</summary>
public class ContainerResources
{
    /// <summary>CPU cores.</summary>
    public string? Cpu { get; set; }

    /// <summary>Memory.</summary>
    public string? Memory { get; set; }

    /// <summary>GPUs.</summary>
    public string? Gpu { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"cpu {Cpu ?? "-"}, memory {Memory ?? "-"}, gpu {Gpu ?? "-"}";
}
