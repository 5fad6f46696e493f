using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Emulator;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>What is in the emulator's default datastore, read directly from Azurite (bypassing the SDK under test).</summary>
internal sealed class DatastoreBlobs(WorkspaceEmulator emulator)
{
    public BlobContainerClient Container => emulator.BlobService!.GetBlobContainerClient(emulator.DefaultDatastoreContainer);

    /// <summary>The names of the blobs under a folder.</summary>
    public async Task<List<string>> NamesAsync(string prefix) => [.. (await ETagsAsync(prefix)).Keys];

    /// <summary>The ETag of each blob under a folder (unchanged ETags prove nothing was uploaded again).</summary>
    public async Task<Dictionary<string, ETag>> ETagsAsync(string prefix)
    {
        var tags = new Dictionary<string, ETag>();
        await foreach (BlobItem blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix + "/", CancellationToken.None))
        {
            tags[blob.Name] = blob.Properties.ETag!.Value;
        }
        return tags;
    }

    /// <summary>The blob's <c>upload_status</c> metadata (the completion marker), or null when absent or the blob does not exist.</summary>
    public async Task<string?> MarkerAsync(string blobName)
    {
        try
        {
            return (await Container.GetBlobClient(blobName).GetPropertiesAsync()).Value.Metadata.TryGetValue("upload_status", out string? status) ? status : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
