using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy.Mapping;

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
                VmPriority = (compute.Tier ?? AmlComputeTier.Dedicated).ToString(),
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
