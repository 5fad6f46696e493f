using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of <c>onlineEndpoints/{endpoint}/deployments/{name}</c>.</summary>
internal sealed class OnlineDeploymentData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Location { get; set; }
    public string? Kind { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public SkuData? Sku { get; set; }
    public OnlineDeploymentPropertiesData? Properties { get; set; }
}

/// <summary>A Kubernetes deployment's container resources (<c>containerResourceRequests/Limits</c>).</summary>
internal sealed class ContainerResourceRequirementsData
{
    public ContainerResourcesData? ContainerResourceRequests { get; set; }
    public ContainerResourcesData? ContainerResourceLimits { get; set; }
}

internal sealed class ContainerResourcesData
{
    public string? Cpu { get; set; }
    public string? Memory { get; set; }
    public string? Gpu { get; set; }
}

internal sealed class SkuData
{
    public string? Name { get; set; }
    public string? Tier { get; set; }
    public int? Capacity { get; set; }
}

internal sealed class OnlineDeploymentPropertiesData
{
    public string? EndpointComputeType { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public string? Model { get; set; }
    public string? InstanceType { get; set; }
    public string? EnvironmentId { get; set; }
    public CodeConfigurationData? CodeConfiguration { get; set; }
    public Dictionary<string, string>? EnvironmentVariables { get; set; }
    public OnlineRequestSettingsData? RequestSettings { get; set; }
    public ProbeSettingsData? LivenessProbe { get; set; }
    public ProbeSettingsData? ReadinessProbe { get; set; }
    public ScaleSettingsData? ScaleSettings { get; set; }
    public bool? AppInsightsEnabled { get; set; }
    public string? EgressPublicNetworkAccess { get; set; }
    public string? ModelMountPath { get; set; }
    public ContainerResourceRequirementsData? ContainerResourceRequirements { get; set; }
    public string? ProvisioningState { get; set; }
}

internal sealed class CodeConfigurationData
{
    public string? CodeId { get; set; }
    public string? ScoringScript { get; set; }
}

internal sealed class OnlineRequestSettingsData
{
    public string? RequestTimeout { get; set; }
    public int? MaxConcurrentRequestsPerInstance { get; set; }
    public string? MaxQueueWait { get; set; }
}

internal sealed class ProbeSettingsData
{
    public int? FailureThreshold { get; set; }
    public int? SuccessThreshold { get; set; }
    public string? Timeout { get; set; }
    public string? Period { get; set; }
    public string? InitialDelay { get; set; }
}

internal sealed class ScaleSettingsData
{
    public string? ScaleType { get; set; }
}

/// <summary>Converts <see cref="ManagedOnlineDeployment"/> to and from its wire shape.</summary>
internal static class DeploymentMapper
{
    /// <summary>
    /// A managed deployment's <c>maxQueueWait</c>: never sent, as the service deprecated it there (2024-04-01) and Python
    /// leaves it out too. A value the caller set (not the one read from the service) is worth a warning: it has no effect.
    /// </summary>
    private static string? ManagedMaxQueueWait(OnlineDeployment deployment, OnlineRequestSettings request)
    {
        if (request.MaxQueueWait is not null && request.MaxQueueWait != request.ServiceMaxQueueWait)
        {
            Diagnostics.MlEventSource.Log.MaxQueueWaitNotSent(deployment.Name);
        }
        return null;
    }

    /// <param name="deployment">The deployment.</param>
    /// <param name="modelId">The model reference already resolved to an ARM id.</param>
    /// <param name="location">The workspace region, used when the deployment names none.</param>
    public static OnlineDeploymentData ToWire(OnlineDeployment deployment, string modelId, string location) => new()
    {
        Location = deployment.Location ?? location,
        // No kind, as Python sends none: the service answers Managed for a managed deployment either way.
        Tags = new Dictionary<string, string>(deployment.Tags),
        // The service requires the sku name "Default"; the instance count travels as its capacity.
        Sku = new SkuData { Name = "Default", Capacity = deployment.InstanceCount ?? 1 },
        Properties = new OnlineDeploymentPropertiesData
        {
            EndpointComputeType = deployment is KubernetesOnlineDeployment ? "Kubernetes" : "Managed",
            Description = deployment.Description,
            Properties = new Dictionary<string, string>(deployment.Properties),
            Model = modelId,
            InstanceType = deployment.InstanceType,
            EnvironmentVariables = new Dictionary<string, string>(deployment.EnvironmentVariables),
            RequestSettings = deployment.RequestSettings is { } request
                ? new OnlineRequestSettingsData
                {
                    RequestTimeout = IsoDuration.Format(request.RequestTimeout),
                    MaxConcurrentRequestsPerInstance = request.MaxConcurrentRequestsPerInstance,
                    MaxQueueWait = deployment is KubernetesOnlineDeployment ? IsoDuration.Format(request.MaxQueueWait) : ManagedMaxQueueWait(deployment, request),
                }
                : null,
            LivenessProbe = ProbeToWire(deployment.LivenessProbe),
            ReadinessProbe = ProbeToWire(deployment.ReadinessProbe),
            AppInsightsEnabled = deployment.AppInsightsEnabled,
            EgressPublicNetworkAccess = (deployment as ManagedOnlineDeployment)?.EgressPublicNetworkAccess?.ToString(),
            ModelMountPath = deployment.ModelMountPath,
            ContainerResourceRequirements = deployment is KubernetesOnlineDeployment { ResourceRequests: var requests, ResourceLimits: var limits } && (requests ?? limits) is not null
                ? new ContainerResourceRequirementsData { ContainerResourceRequests = ResourcesToWire(requests), ContainerResourceLimits = ResourcesToWire(limits) }
                : null,
        },
    };

    public static OnlineDeployment FromWire(OnlineDeploymentData data)
    {
        OnlineDeploymentPropertiesData properties = data.Properties ?? new();
        string name = data.Name ?? string.Empty;
        string endpointName = ResourceIds.Segment(data.Id, "onlineEndpoints") ?? string.Empty;
        OnlineDeployment deployment = string.Equals(properties.EndpointComputeType, "Kubernetes", StringComparison.OrdinalIgnoreCase)
            ? new KubernetesOnlineDeployment(name, endpointName)
            {
                ResourceRequests = ResourcesFromWire(properties.ContainerResourceRequirements?.ContainerResourceRequests),
                ResourceLimits = ResourcesFromWire(properties.ContainerResourceRequirements?.ContainerResourceLimits),
            }
            : new ManagedOnlineDeployment(name, endpointName)
            {
                EgressPublicNetworkAccess = properties.EgressPublicNetworkAccess is { } egress ? new NetworkAccess(egress) : (NetworkAccess?)null,
            };
        deployment.Id = data.Id;
        deployment.Location = data.Location;
        deployment.Description = properties.Description;
        deployment.Model = string.IsNullOrEmpty(properties.Model) ? null : ModelReference.FromReference(properties.Model);
        deployment.InstanceType = properties.InstanceType;
        deployment.InstanceCount = data.Sku?.Capacity;
        deployment.Environment = properties.EnvironmentId is { Length: > 0 } environmentId ? EnvironmentReference.FromReference(environmentId) : null;
        deployment.CodeConfiguration = properties.CodeConfiguration is { CodeId: { } codeId, ScoringScript: { } script } ? new CodeConfiguration(codeId, script) : null;
        deployment.RequestSettings = properties.RequestSettings is { } request
            ? new OnlineRequestSettings
            {
                RequestTimeout = IsoDuration.Parse(request.RequestTimeout),
                MaxConcurrentRequestsPerInstance = request.MaxConcurrentRequestsPerInstance,
                MaxQueueWait = IsoDuration.Parse(request.MaxQueueWait),
                ServiceMaxQueueWait = IsoDuration.Parse(request.MaxQueueWait),
            }
            : null;
        deployment.LivenessProbe = ProbeFromWire(properties.LivenessProbe);
        deployment.ReadinessProbe = ProbeFromWire(properties.ReadinessProbe);
        deployment.AppInsightsEnabled = properties.AppInsightsEnabled;
        deployment.ModelMountPath = properties.ModelMountPath;
        deployment.ProvisioningState = properties.ProvisioningState is { } state ? new DeploymentProvisioningState(state) : (DeploymentProvisioningState?)null;
        EndpointMapper.CopyInto(data.Tags, deployment.Tags);
        EndpointMapper.CopyInto(properties.Properties, deployment.Properties);
        EndpointMapper.CopyInto(properties.EnvironmentVariables, deployment.EnvironmentVariables);
        return deployment;
    }

    private static ContainerResourcesData? ResourcesToWire(ContainerResources? resources) =>
        resources is null ? null : new ContainerResourcesData { Cpu = resources.Cpu, Memory = resources.Memory, Gpu = resources.Gpu };

    private static ContainerResources? ResourcesFromWire(ContainerResourcesData? data) =>
        data is null ? null : new ContainerResources { Cpu = data.Cpu, Memory = data.Memory, Gpu = data.Gpu };

    private static ProbeSettingsData? ProbeToWire(ProbeSettings? probe) => probe is null ? null : new ProbeSettingsData
    {
        FailureThreshold = probe.FailureThreshold,
        SuccessThreshold = probe.SuccessThreshold,
        Timeout = IsoDuration.Format(probe.Timeout),
        Period = IsoDuration.Format(probe.Period),
        InitialDelay = IsoDuration.Format(probe.InitialDelay),
    };

    private static ProbeSettings? ProbeFromWire(ProbeSettingsData? probe) => probe is null ? null : new ProbeSettings
    {
        FailureThreshold = probe.FailureThreshold,
        SuccessThreshold = probe.SuccessThreshold,
        Timeout = IsoDuration.Parse(probe.Timeout),
        Period = IsoDuration.Parse(probe.Period),
        InitialDelay = IsoDuration.Parse(probe.InitialDelay),
    };
}
