using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace AzureMlflow.Deploy.Emulator.Storage;

/// <summary>
/// The workspace's storage account as the emulator sees it: Azurite's well-known development account, the containers
/// behind the default datastores, and SAS tokens for <c>listSecrets</c>.
/// </summary>
internal sealed class BlobStore
{
    /// <summary>Azurite's documented development account and key (public, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StorageSharedKeyCredential _credential = new(AccountName, AccountKey);

    public BlobStore(Uri blobEndpoint)
    {
        BlobEndpoint = blobEndpoint;
        AccountUri = new Uri(blobEndpoint, AccountName);
        Service = new BlobServiceClient(AccountUri, _credential);
    }

    /// <summary>Azurite's root, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The account URL in path style: <c>http://127.0.0.1:41234/devstoreaccount1</c>.</summary>
    public Uri AccountUri { get; }

    /// <summary>A client with the account key, for tests and the emulator's own work.</summary>
    public BlobServiceClient Service { get; }

    /// <summary>The datastore's <c>endpoint</c> field: host and port, which clients turn into a path-style URL because it is an IP address.</summary>
    public string DatastoreEndpoint => BlobEndpoint.Authority;

    public async Task CreateContainersAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (string name in names)
        {
            await Service.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A container SAS like the one <c>listSecrets</c> returns (read, add, create, write, delete, list), with a leading '?';
    /// without delete (<c>rcwl</c>, as a pending upload's SAS) when <paramref name="deleteAllowed"/> is false.
    /// </summary>
    public string CreateSas(string container, TimeSpan lifetime, bool readOnly = false, bool deleteAllowed = true)
    {
        var sas = new BlobSasBuilder
        {
            BlobContainerName = container,
            Resource = "c",
            StartsOn = DateTimeOffset.UtcNow.AddMinutes(-5),
            ExpiresOn = DateTimeOffset.UtcNow.Add(lifetime),
            Protocol = SasProtocol.HttpsAndHttp,
        };
        sas.SetPermissions(readOnly
            ? BlobContainerSasPermissions.Read | BlobContainerSasPermissions.List
            : deleteAllowed
                ? BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Add | BlobContainerSasPermissions.Create
                    | BlobContainerSasPermissions.Write | BlobContainerSasPermissions.Delete | BlobContainerSasPermissions.List
                : BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write | BlobContainerSasPermissions.List);
        return "?" + sas.ToSasQueryParameters(_credential);
    }
}
