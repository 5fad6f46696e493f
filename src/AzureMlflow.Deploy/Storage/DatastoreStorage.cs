using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// Opens a datastore's blob container the way Azure ML clients do: an expiring SAS (or the account key) from
/// <c>listSecrets</c> for credential-based datastores, the client's <see cref="TokenCredential"/> for identity-based ones.
/// The storage client shares the ML client's transport and retry settings.
/// </summary>
internal static class DatastoreStorage
{
    public static async ValueTask<BlobContainerClient> OpenAsync(MLClient client, Datastore datastore, bool async, CancellationToken cancellationToken)
    {
        if (datastore.DatastoreType is not ("AzureBlob" or "AzureDataLakeGen2"))
        {
            throw new NotSupportedException($"Datastore '{datastore.Name}' is of type {datastore.DatastoreType}; uploads and downloads need an AzureBlob or AzureDataLakeGen2 datastore.");
        }
        if (datastore.AccountName is null || datastore.ContainerName is null)
        {
            throw new InvalidOperationException($"Datastore '{datastore.Name}' does not name a storage account and container.");
        }
        Uri container = new($"{datastore.BlobServiceUri!.AbsoluteUri.TrimEnd('/')}/{datastore.ContainerName}");
        BlobClientOptions options = Options(client.Rest.Options);

        if (string.Equals(datastore.CredentialsType, "None", StringComparison.OrdinalIgnoreCase))
        {
            return new BlobContainerClient(container, client.Credential, options);
        }

        ArmRestClient rest = client.Rest;
        Uri uri = rest.WorkspaceUri($"/datastores/{Uri.EscapeDataString(datastore.Name)}/listSecrets");
        RequestContent body = ArmRestClient.Json(new ListSecretsRequestData { ExpirableSecret = true, ExpireAfterHours = 1 }, WireJsonContext.Default.ListSecretsRequestData);
        DatastoreSecretsData secrets = (await rest.SendAsync(RequestMethod.Post, uri, body, WireJsonContext.Default.DatastoreSecretsData, async, cancellationToken, secretResponse: true).ConfigureAwait(false)).Value;
        return secrets switch
        {
            { SasToken: { Length: > 0 } sas } => new BlobContainerClient(container, new AzureSasCredential(sas.TrimStart('?')), options),
            { Key: { Length: > 0 } key } => new BlobContainerClient(container, new StorageSharedKeyCredential(datastore.AccountName, key), options),
            // No secret for this datastore: it is accessed with the caller's identity.
            _ => new BlobContainerClient(container, client.Credential, options),
        };
    }

    public static BlobClientOptions Options(MLClientOptions ml)
    {
        var options = new BlobClientOptions { Transport = ml.Transport };
        options.Retry.MaxRetries = ml.Retry.MaxRetries;
        options.Retry.Delay = ml.Retry.Delay;
        options.Retry.MaxDelay = ml.Retry.MaxDelay;
        options.Retry.Mode = ml.Retry.Mode;
        options.Retry.NetworkTimeout = ml.Retry.NetworkTimeout;
        options.Diagnostics.ApplicationId = ml.Diagnostics.ApplicationId;
        options.Diagnostics.IsLoggingEnabled = ml.Diagnostics.IsLoggingEnabled;
        options.Diagnostics.IsDistributedTracingEnabled = ml.Diagnostics.IsDistributedTracingEnabled;
        return options;
    }
}
