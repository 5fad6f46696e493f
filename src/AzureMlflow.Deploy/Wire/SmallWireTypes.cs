namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of the workspace resource (only what the client needs).</summary>
internal sealed class WorkspaceData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Location { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public WorkspacePropertiesData? Properties { get; set; }
}

internal sealed class WorkspacePropertiesData
{
    public string? FriendlyName { get; set; }
    public string? Description { get; set; }
    public string? WorkspaceId { get; set; }
    public string? DiscoveryUrl { get; set; }
    public string? MlFlowTrackingUri { get; set; }
    public string? StorageAccount { get; set; }
    public string? KeyVault { get; set; }
    public string? ContainerRegistry { get; set; }
    public string? ApplicationInsights { get; set; }
}

/// <summary>Response of <c>POST .../listKeys</c>.</summary>
internal sealed class EndpointKeysData
{
    public string? PrimaryKey { get; set; }
    public string? SecondaryKey { get; set; }
}

/// <summary>Response of <c>POST .../token</c>; times are Unix seconds.</summary>
internal sealed class EndpointTokenData
{
    public string? AccessToken { get; set; }
    public long? ExpiryTimeUtc { get; set; }
    public long? RefreshAfterTimeUtc { get; set; }
    public string? TokenType { get; set; }
}

/// <summary>Body of <c>POST .../regenerateKeys</c>.</summary>
internal sealed class RegenerateKeysRequestData
{
    public string? KeyType { get; set; }
}

/// <summary>Body of <c>POST .../getLogs</c>.</summary>
internal sealed class DeploymentLogsRequestData
{
    public string? ContainerType { get; set; }
    public int? Tail { get; set; }
}

internal sealed class DeploymentLogsData
{
    public string? Content { get; set; }
}

/// <summary>The operation status resource behind <c>Azure-AsyncOperation</c>.</summary>
internal sealed class OperationStatusData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Status { get; set; }
    public ErrorDetailData? Error { get; set; }
}

/// <summary>Only <c>provisioningState</c> of any ARM resource, for the provisioning-state fallback of LROs.</summary>
internal sealed class ProvisioningStateProbeData
{
    public ProvisioningStatePropertiesData? Properties { get; set; }
}

internal sealed class ProvisioningStatePropertiesData
{
    public string? ProvisioningState { get; set; }
}

/// <summary>The ARM error envelope <c>{"error": {...}}</c>.</summary>
internal sealed class ErrorResponseData
{
    public ErrorDetailData? Error { get; set; }
}

internal sealed class ErrorDetailData
{
    public string? Code { get; set; }
    public string? Message { get; set; }
    public string? Target { get; set; }
    public List<ErrorDetailData>? Details { get; set; }
}

/// <summary>What an operation id encodes so a later process can resume waiting.</summary>
internal sealed class LroStateData
{
    public int V { get; set; } = 1;
    public string? Method { get; set; }
    public string? ResourceUri { get; set; }
    public string? AsyncOperationUri { get; set; }
    public string? LocationUri { get; set; }
    public string? Description { get; set; }
    public string? FailureHint { get; set; }
}
