namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of a datastore (blob and ADLS Gen2 fields; other kinds are read but not used for uploads).</summary>
internal sealed class DatastoreData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public DatastorePropertiesData? Properties { get; set; }
}

internal sealed class DatastorePropertiesData
{
    public string? DatastoreType { get; set; }
    public string? AccountName { get; set; }
    public string? ContainerName { get; set; }
    public string? Filesystem { get; set; }
    public string? Endpoint { get; set; }
    public string? Protocol { get; set; }
    public bool? IsDefault { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public DatastoreCredentialsData? Credentials { get; set; }
}

internal sealed class DatastoreCredentialsData
{
    public string? CredentialsType { get; set; }
}

/// <summary>Body of <c>POST .../listSecrets</c>: ask for an expiring SAS rather than the account key, as current clients do.</summary>
internal sealed class ListSecretsRequestData
{
    public bool? ExpirableSecret { get; set; }
    public int? ExpireAfterHours { get; set; }
}

/// <summary>Response of <c>listSecrets</c>: <c>secretsType</c> AccountKey (with <c>key</c>) or Sas (with <c>sasToken</c>).</summary>
internal sealed class DatastoreSecretsData
{
    public string? SecretsType { get; set; }
    public string? Key { get; set; }
    public string? SasToken { get; set; }
}

internal static class DatastoreMapper
{
    public static Datastore FromWire(DatastoreData data)
    {
        DatastorePropertiesData properties = data.Properties ?? new();
        var datastore = new Datastore(data.Name ?? string.Empty)
        {
            Id = data.Id,
            DatastoreType = properties.DatastoreType,
            AccountName = properties.AccountName,
            ContainerName = properties.ContainerName ?? properties.Filesystem,
            Endpoint = properties.Endpoint,
            Protocol = properties.Protocol,
            IsDefault = properties.IsDefault ?? false,
            CredentialsType = properties.Credentials?.CredentialsType,
            Description = properties.Description,
        };
        EndpointMapper.CopyInto(properties.Tags, datastore.Tags);
        return datastore;
    }
}
