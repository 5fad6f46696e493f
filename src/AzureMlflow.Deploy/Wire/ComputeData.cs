using System.Text.Json;

namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of a compute (<c>ComputeResource</c>).</summary>
internal sealed class ComputeData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Location { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public ComputePropertiesData? Properties { get; set; }
}

/// <summary>The <c>Compute</c> union: the fields every compute type has, and its type's own under <c>properties</c>.</summary>
internal sealed class ComputePropertiesData
{
    public string? ComputeType { get; set; }
    public string? Description { get; set; }
    public string? ResourceId { get; set; }
    public string? ProvisioningState { get; set; }
    public bool? IsAttachedCompute { get; set; }
    public ComputeTypePropertiesData? Properties { get; set; }
}

/// <summary>AmlCompute's and Kubernetes' own properties in one shape; each type fills its own.</summary>
internal sealed class ComputeTypePropertiesData
{
    public string? VmSize { get; set; }
    public string? VmPriority { get; set; }
    public ClusterScaleSettingsData? ScaleSettings { get; set; }
    public int? CurrentNodeCount { get; set; }
    public string? AllocationState { get; set; }
    public string? Namespace { get; set; }
    public string? DefaultInstanceType { get; set; }
    public Dictionary<string, JsonElement>? InstanceTypes { get; set; }
}

internal sealed class ClusterScaleSettingsData
{
    public int MaxNodeCount { get; set; }
    public int? MinNodeCount { get; set; }
    public string? NodeIdleTimeBeforeScaleDown { get; set; }
}
