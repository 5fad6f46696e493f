using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy.Mapping;

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
