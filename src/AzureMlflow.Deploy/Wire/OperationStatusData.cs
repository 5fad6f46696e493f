namespace AzureMlflow.Deploy.Wire;

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
