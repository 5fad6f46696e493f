namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of <c>models/{name}/versions/{version}</c>.</summary>
internal sealed class ModelVersionData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public ModelVersionPropertiesData? Properties { get; set; }
    public SystemData? SystemData { get; set; }
}

internal sealed class ModelVersionPropertiesData
{
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public Dictionary<string, FlavorData>? Flavors { get; set; }
    public string? ModelType { get; set; }
    public string? ModelUri { get; set; }
    public string? Stage { get; set; }
    public string? JobName { get; set; }
    public bool? IsAnonymous { get; set; }
    public bool? IsArchived { get; set; }
    public string? ProvisioningState { get; set; }
}

internal sealed class FlavorData
{
    public Dictionary<string, string>? Data { get; set; }
}

/// <summary>Wire shape of <c>models/{name}</c> (the container of versions).</summary>
internal sealed class ModelContainerData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public ModelContainerPropertiesData? Properties { get; set; }
    public SystemData? SystemData { get; set; }
}

internal sealed class ModelContainerPropertiesData
{
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public string? LatestVersion { get; set; }
    public string? NextVersion { get; set; }
    public bool? IsArchived { get; set; }
}

internal sealed class SystemData
{
    public DateTimeOffset? CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? LastModifiedAt { get; set; }
}
