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

/// <summary>Computes to and from the service's shape: AmlCompute's settings sit under <c>properties.properties</c>.</summary>
internal static class ComputeMapper
{
    public static ComputeData ToWire(AmlCompute compute, string location) => new()
    {
        Location = location,
        Tags = compute.Tags.Count == 0 ? null : new Dictionary<string, string>(compute.Tags),
        Properties = new ComputePropertiesData
        {
            ComputeType = "AmlCompute",
            Description = compute.Description,
            Properties = new ComputeTypePropertiesData
            {
                VmSize = compute.Size,
                VmPriority = compute.Tier?.ToString(), // unset is the service's Dedicated, as Python leaves it
                ScaleSettings = new ClusterScaleSettingsData
                {
                    MinNodeCount = compute.MinInstances,
                    MaxNodeCount = compute.MaxInstances,
                    NodeIdleTimeBeforeScaleDown = IsoDuration.Format(compute.IdleTimeBeforeScaleDown),
                },
            },
        },
    };

    public static Compute FromWire(ComputeData data)
    {
        ComputePropertiesData properties = data.Properties ?? new();
        ComputeTypePropertiesData own = properties.Properties ?? new();
        string name = data.Name ?? string.Empty;
        Compute compute = properties.ComputeType switch
        {
            "AmlCompute" => new AmlCompute(name)
            {
                Size = own.VmSize,
                Tier = own.VmPriority is { } priority ? new AmlComputeTier(priority) : (AmlComputeTier?)null,
                MinInstances = own.ScaleSettings?.MinNodeCount ?? 0,
                MaxInstances = own.ScaleSettings?.MaxNodeCount ?? 0,
                IdleTimeBeforeScaleDown = IsoDuration.Parse(own.ScaleSettings?.NodeIdleTimeBeforeScaleDown),
                CurrentNodeCount = own.CurrentNodeCount,
                AllocationState = own.AllocationState,
            },
            "Kubernetes" => new KubernetesCompute(name)
            {
                Namespace = own.Namespace,
                DefaultInstanceType = own.DefaultInstanceType,
                InstanceTypes = own.InstanceTypes?.Keys.ToList() ?? [],
            },
            _ => Compute.Unknown(name, properties.ComputeType ?? string.Empty),
        };
        compute.Id = data.Id;
        compute.Location = data.Location;
        compute.Description = properties.Description;
        compute.ResourceId = properties.ResourceId;
        compute.IsAttached = properties.IsAttachedCompute ?? false;
        compute.ProvisioningState = properties.ProvisioningState is { } state ? new ComputeProvisioningState(state) : (ComputeProvisioningState?)null;
        EndpointMapper.CopyInto(data.Tags, compute.Tags);
        return compute;
    }
}
