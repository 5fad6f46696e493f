using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

/// <summary>A workspace datastore: where model files are uploaded to and downloaded from. Secrets are never part of it.</summary>
public class Datastore
{
    /// <summary>Creates a datastore description (normally returned by <see cref="DatastoreOperations"/>).</summary>
    /// <param name="name">The datastore name, such as <c>workspaceblobstore</c>.</param>
    internal Datastore(string name) => Name = name;

    /// <summary>The datastore name.</summary>
    public string Name { get; }

    /// <summary>The ARM id.</summary>
    public string? Id { get; internal set; }

    /// <summary>The service's datastore type: <c>AzureBlob</c>, <c>AzureDataLakeGen2</c>, <c>AzureFile</c>, ...</summary>
    public string? DatastoreType { get; internal set; }

    /// <summary>The storage account name.</summary>
    public string? AccountName { get; internal set; }

    /// <summary>The blob container (or ADLS Gen2 file system).</summary>
    public string? ContainerName { get; internal set; }

    /// <summary>The storage endpoint suffix, such as <c>core.windows.net</c> (sovereign clouds differ), or a host and port for IP-addressed storage.</summary>
    public string? Endpoint { get; internal set; }

    /// <summary>The protocol, normally <c>https</c>.</summary>
    public string? Protocol { get; internal set; }

    /// <summary>Whether this is the workspace's default datastore.</summary>
    public bool IsDefault { get; internal set; }

    /// <summary>How the service holds credentials for it: <c>AccountKey</c>, <c>Sas</c>, <c>None</c> (identity-based), ...</summary>
    public string? CredentialsType { get; internal set; }

    /// <summary>The description.</summary>
    public string? Description { get; internal set; }

    /// <summary>Tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>The blob service URL of the account, built as Azure ML clients build it.</summary>
    public Uri? BlobServiceUri => AccountName is null ? null : Uris.StorageUris.BlobService(Protocol, AccountName, Endpoint);

    /// <inheritdoc/>
    public override string ToString() => $"Datastore '{Name}' ({DatastoreType}, {AccountName}/{ContainerName})";
}
