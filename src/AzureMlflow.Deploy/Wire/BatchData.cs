using AzureMlflow.Deploy.Uris;

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

/// <summary>Converts <see cref="BatchEndpoint"/> and <see cref="BatchDeployment"/> to and from their wire shapes.</summary>
internal static class BatchMapper
{
    public static BatchEndpointData ToWire(BatchEndpoint endpoint, string location) => new()
    {
        Location = endpoint.Location ?? location,
        Tags = new Dictionary<string, string>(endpoint.Tags),
        Properties = new BatchEndpointPropertiesData
        {
            Description = endpoint.Description,
            AuthMode = endpoint.AuthMode.ToString(),
            Properties = new Dictionary<string, string>(endpoint.Properties),
            Defaults = endpoint.DefaultDeploymentName is { } name ? new BatchEndpointDefaultsData { DeploymentName = name.ToLowerInvariant() } : null,
        },
    };

    public static BatchEndpoint FromWire(BatchEndpointData data)
    {
        BatchEndpointPropertiesData properties = data.Properties ?? new();
        var endpoint = new BatchEndpoint(data.Name ?? string.Empty)
        {
            Id = data.Id,
            Location = data.Location,
            Description = properties.Description,
            AuthMode = properties.AuthMode is null ? EndpointAuthMode.AadToken : new EndpointAuthMode(properties.AuthMode),
            DefaultDeploymentName = properties.Defaults?.DeploymentName,
            ScoringUri = EndpointMapper.ToUri(properties.ScoringUri),
            OpenApiUri = EndpointMapper.ToUri(properties.SwaggerUri),
            ProvisioningState = properties.ProvisioningState is { } state ? new EndpointProvisioningState(state) : (EndpointProvisioningState?)null,
        };
        EndpointMapper.CopyInto(data.Tags, endpoint.Tags);
        EndpointMapper.CopyInto(properties.Properties, endpoint.Properties);
        return endpoint;
    }

    public static BatchDeploymentData ToWire(BatchDeployment deployment, string modelId, string computeId, string location) => new()
    {
        Location = deployment.Location ?? location,
        Tags = new Dictionary<string, string>(deployment.Tags),
        Properties = new BatchDeploymentPropertiesData
        {
            Description = deployment.Description,
            Properties = new Dictionary<string, string>(deployment.Properties),
            Model = new AssetReferenceData { ReferenceType = "Id", AssetId = modelId },
            Compute = computeId,
            Resources = deployment.InstanceCount is null && deployment.InstanceType is null
                ? null
                : new BatchResourcesData { InstanceCount = deployment.InstanceCount, InstanceType = deployment.InstanceType },
            MiniBatchSize = deployment.MiniBatchSize,
            MaxConcurrencyPerInstance = deployment.MaxConcurrencyPerInstance,
            OutputAction = deployment.OutputAction?.ToString(),
            OutputFileName = deployment.OutputFileName,
            ErrorThreshold = deployment.ErrorThreshold,
            RetrySettings = deployment.RetrySettings is { } retry
                ? new BatchRetrySettingsData { MaxRetries = retry.MaxRetries, Timeout = IsoDuration.Format(retry.Timeout) }
                : null,
            LoggingLevel = deployment.LoggingLevel?.ToString(),
            EnvironmentVariables = deployment.EnvironmentVariables.Count == 0 ? null : new Dictionary<string, string>(deployment.EnvironmentVariables),
        },
    };

    public static BatchDeployment FromWire(BatchDeploymentData data)
    {
        BatchDeploymentPropertiesData properties = data.Properties ?? new();
        var deployment = new BatchDeployment(data.Name ?? string.Empty, Uris.ResourceIds.Segment(data.Id, "batchEndpoints") ?? string.Empty)
        {
            Id = data.Id,
            Location = data.Location,
            Description = properties.Description,
            Model = properties.Model?.AssetId is { Length: > 0 } asset ? ModelReference.FromReference(asset) : null,
            Compute = properties.Compute,
            InstanceCount = properties.Resources?.InstanceCount,
            InstanceType = properties.Resources?.InstanceType,
            MiniBatchSize = properties.MiniBatchSize,
            MaxConcurrencyPerInstance = properties.MaxConcurrencyPerInstance,
            OutputAction = properties.OutputAction is { } action ? new BatchOutputAction(action) : (BatchOutputAction?)null,
            OutputFileName = properties.OutputFileName,
            ErrorThreshold = properties.ErrorThreshold,
            RetrySettings = properties.RetrySettings is { } retry
                ? new BatchRetrySettings { MaxRetries = retry.MaxRetries, Timeout = IsoDuration.Parse(retry.Timeout) }
                : null,
            LoggingLevel = properties.LoggingLevel is { } level ? new BatchLoggingLevel(level) : (BatchLoggingLevel?)null,
            Environment = properties.EnvironmentId is { Length: > 0 } environmentId ? EnvironmentReference.FromReference(environmentId) : null,
            CodeConfiguration = properties.CodeConfiguration is { CodeId: { } codeId, ScoringScript: { } script } ? new CodeConfiguration(codeId, script) : null,
            ProvisioningState = properties.ProvisioningState is { } deploymentState ? new DeploymentProvisioningState(deploymentState) : (DeploymentProvisioningState?)null,
        };
        EndpointMapper.CopyInto(data.Tags, deployment.Tags);
        EndpointMapper.CopyInto(properties.Properties, deployment.Properties);
        EndpointMapper.CopyInto(properties.EnvironmentVariables, deployment.EnvironmentVariables);
        return deployment;
    }
}
