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
    public InferenceConfigData? InferenceConfig { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public string? OsType { get; set; }
    public bool? IsAnonymous { get; set; }
    public bool? IsArchived { get; set; }
    public string? EnvironmentType { get; set; }
    public string? ProvisioningState { get; set; }
}

internal sealed class InferenceConfigData
{
    public InferenceRouteData? LivenessRoute { get; set; }
    public InferenceRouteData? ReadinessRoute { get; set; }
    public InferenceRouteData? ScoringRoute { get; set; }

    public static InferenceConfigData? From(InferenceConfiguration? config) => config is null ? null : new()
    {
        LivenessRoute = InferenceRouteData.From(config.LivenessRoute),
        ReadinessRoute = InferenceRouteData.From(config.ReadinessRoute),
        ScoringRoute = InferenceRouteData.From(config.ScoringRoute),
    };

    public InferenceConfiguration ToEntity() => new()
    {
        LivenessRoute = LivenessRoute?.ToEntity(), ReadinessRoute = ReadinessRoute?.ToEntity(), ScoringRoute = ScoringRoute?.ToEntity(),
    };
}

internal sealed class InferenceRouteData
{
    public string? Path { get; set; }
    public int? Port { get; set; }

    public static InferenceRouteData? From(InferenceRoute? route) => route is null ? null : new() { Path = route.Path, Port = route.Port };

    public InferenceRoute ToEntity() => new(Path ?? "/", Port ?? 0);
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
    /// <summary>The body Python sends: empty tags, properties and description left out; the anonymity and archive flags always there.</summary>
    public static EnvironmentVersionData ToWire(MLEnvironment environment, string? condaFile, bool anonymous) => new()
    {
        Properties = new EnvironmentVersionPropertiesData
        {
            Image = environment.Image,
            CondaFile = condaFile,
            InferenceConfig = InferenceConfigData.From(environment.InferenceConfig),
            Description = environment.Description,
            Tags = environment.Tags.Count == 0 ? null : new Dictionary<string, string>(environment.Tags),
            Properties = environment.Properties.Count == 0 ? null : new Dictionary<string, string>(environment.Properties),
            IsAnonymous = anonymous,
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
            InferenceConfig = properties.InferenceConfig?.ToEntity(),
            Description = properties.Description,
            IsArchived = properties.IsArchived ?? false,
            IsAnonymous = properties.IsAnonymous ?? false,
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
