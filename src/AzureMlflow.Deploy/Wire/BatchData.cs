namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of a batch endpoint.</summary>
internal sealed class BatchEndpointData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Location { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public ManagedServiceIdentityData? Identity { get; set; }
    public BatchEndpointPropertiesData? Properties { get; set; }
}

internal sealed class BatchEndpointPropertiesData
{
    public string? Description { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public string? AuthMode { get; set; }
    public BatchEndpointDefaultsData? Defaults { get; set; }
    public string? ScoringUri { get; set; }
    public string? SwaggerUri { get; set; }
    public string? ProvisioningState { get; set; }
}

internal sealed class BatchEndpointDefaultsData
{
    public string? DeploymentName { get; set; }
}

/// <summary>Wire shape of a batch deployment (<c>BatchDeploymentDetails</c>).</summary>
internal sealed class BatchDeploymentData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Location { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public BatchDeploymentPropertiesData? Properties { get; set; }
}

internal sealed class BatchDeploymentPropertiesData
{
    public string? Description { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public AssetReferenceData? Model { get; set; }
    public string? Compute { get; set; }
    public BatchResourcesData? Resources { get; set; }
    public int? MiniBatchSize { get; set; }
    public int? MaxConcurrencyPerInstance { get; set; }
    public string? OutputAction { get; set; }
    public string? OutputFileName { get; set; }
    public int? ErrorThreshold { get; set; }
    public BatchRetrySettingsData? RetrySettings { get; set; }
    public string? LoggingLevel { get; set; }
    public Dictionary<string, string>? EnvironmentVariables { get; set; }
    public string? EnvironmentId { get; set; }
    public CodeConfigurationData? CodeConfiguration { get; set; }
    public string? ProvisioningState { get; set; }
}

/// <summary><c>{"referenceType": "Id", "assetId": ...}</c>.</summary>
internal sealed class AssetReferenceData
{
    public string? ReferenceType { get; set; }
    public string? AssetId { get; set; }
}

internal sealed class BatchResourcesData
{
    public int? InstanceCount { get; set; }
    public string? InstanceType { get; set; }
}

internal sealed class BatchRetrySettingsData
{
    public int? MaxRetries { get; set; }
    public string? Timeout { get; set; }
}
