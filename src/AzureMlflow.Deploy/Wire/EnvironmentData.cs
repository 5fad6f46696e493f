namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of an environment version (<c>environments/{name}/versions/{version}</c>).</summary>
internal sealed class EnvironmentVersionData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public EnvironmentVersionPropertiesData? Properties { get; set; }
}

internal sealed class EnvironmentVersionPropertiesData
{
    public string? Image { get; set; }
    public string? CondaFile { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public string? OsType { get; set; }
    public bool? IsAnonymous { get; set; }
    public bool? IsArchived { get; set; }
    public string? EnvironmentType { get; set; }
    public string? ProvisioningState { get; set; }
}

/// <summary>Wire shape of an environment container (<c>environments/{name}</c>).</summary>
internal sealed class EnvironmentContainerData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public EnvironmentContainerPropertiesData? Properties { get; set; }
}

internal sealed class EnvironmentContainerPropertiesData
{
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public bool? IsArchived { get; set; }
    public string? LatestVersion { get; set; }
    public string? NextVersion { get; set; }
}

/// <summary>Converts <see cref="MLEnvironment"/> to and from its wire shapes.</summary>
internal static class EnvironmentMapper
{
    public static EnvironmentVersionData ToWire(MLEnvironment environment) => new()
    {
        Properties = new EnvironmentVersionPropertiesData
        {
            Image = environment.Image,
            CondaFile = environment.CondaFileContent,
            Description = environment.Description,
            Tags = new Dictionary<string, string>(environment.Tags),
            Properties = new Dictionary<string, string>(environment.Properties),
            OsType = "Linux",
            IsAnonymous = false,
            IsArchived = environment.IsArchived,
        },
    };

    public static MLEnvironment FromWire(EnvironmentVersionData data)
    {
        EnvironmentVersionPropertiesData properties = data.Properties ?? new();
        var environment = new MLEnvironment
        {
            Name = Uris.ResourceIds.Segment(data.Id, "environments"),
            Version = data.Name,
            Id = data.Id,
            Image = properties.Image,
            CondaFileContent = properties.CondaFile,
            Description = properties.Description,
            IsArchived = properties.IsArchived ?? false,
        };
        EndpointMapper.CopyInto(properties.Tags, environment.Tags);
        EndpointMapper.CopyInto(properties.Properties, environment.Properties);
        return environment;
    }

    public static MLEnvironment FromWire(EnvironmentContainerData data)
    {
        EnvironmentContainerPropertiesData properties = data.Properties ?? new();
        var environment = new MLEnvironment
        {
            Name = data.Name, Id = data.Id, Description = properties.Description, IsArchived = properties.IsArchived ?? false, LatestVersion = properties.LatestVersion,
        };
        EndpointMapper.CopyInto(properties.Tags, environment.Tags);
        return environment;
    }
}
