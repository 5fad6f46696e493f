using AzureMlflow.Deploy.Uris;

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

/// <summary>Converts <see cref="Model"/> to and from the model version and container wire shapes.</summary>
internal static class ModelMapper
{
    /// <param name="model">The model.</param>
    /// <param name="path">The model's path in the form to register (short datastore URIs expanded).</param>
    /// <param name="jobName">The producing job, if known.</param>
    /// <param name="mlmodelFlavors">Flavors read from an uploaded MLmodel file, used when the model sets none itself.</param>
    public static ModelVersionData ToWire(Model model, string path, string? jobName, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? mlmodelFlavors = null) => new()
    {
        Properties = new ModelVersionPropertiesData
        {
            Description = model.Description,
            Tags = new Dictionary<string, string>(model.Tags),
            Properties = new Dictionary<string, string>(model.Properties),
            Flavors = model.Flavors.Count > 0
                ? model.Flavors.ToDictionary(f => f.Key, f => new FlavorData { Data = new Dictionary<string, string>(f.Value) })
                : mlmodelFlavors?.ToDictionary(f => f.Key, f => new FlavorData { Data = new Dictionary<string, string>(f.Value) }),
            ModelType = model.Type.ToString(),
            ModelUri = path,
            Stage = model.Stage,
            JobName = jobName,
            IsAnonymous = false,
            IsArchived = model.IsArchived,
        },
    };

    public static Model FromWire(ModelVersionData data)
    {
        ModelVersionPropertiesData properties = data.Properties ?? new();
        var model = new Model
        {
            Id = data.Id,
            Name = Uris.ResourceIds.Segment(data.Id, "models"),
            Version = data.Name,
            Type = string.IsNullOrEmpty(properties.ModelType) ? ModelType.CustomModel : new ModelType(properties.ModelType),
            Path = properties.ModelUri,
            Description = properties.Description,
            Stage = properties.Stage,
            JobName = properties.JobName,
            IsArchived = properties.IsArchived ?? false,
            CreatedOn = data.SystemData?.CreatedAt,
        };
        EndpointMapper.CopyInto(properties.Tags, model.Tags);
        EndpointMapper.CopyInto(properties.Properties, model.Properties);
        foreach (KeyValuePair<string, FlavorData> flavor in properties.Flavors ?? new Dictionary<string, FlavorData>())
        {
            model.Flavors[flavor.Key] = new Dictionary<string, string>(flavor.Value.Data ?? new Dictionary<string, string>());
        }
        return model;
    }

    public static Model FromWire(ModelContainerData data)
    {
        ModelContainerPropertiesData properties = data.Properties ?? new();
        var model = new Model
        {
            Id = data.Id,
            Name = data.Name,
            Description = properties.Description,
            LatestVersion = properties.LatestVersion,
            IsArchived = properties.IsArchived ?? false,
            CreatedOn = data.SystemData?.CreatedAt,
        };
        EndpointMapper.CopyInto(properties.Tags, model.Tags);
        return model;
    }
}
