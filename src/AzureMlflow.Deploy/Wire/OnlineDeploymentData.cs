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
