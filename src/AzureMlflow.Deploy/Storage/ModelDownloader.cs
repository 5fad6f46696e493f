using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Core;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// Downloads a registered model's files from its datastore into <c>{directory}/{model name}/{artifact name}/...</c>,
/// the layout the Python SDK produces, refusing any blob name that would land outside that folder.
/// </summary>
internal static class ModelDownloader
{
    public static async ValueTask<string> DownloadAsync(MLClient client, Model model, string directory, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (model.Path is null || !DatastoreUris.TryParse(model.Path, out string datastoreName, out string remotePath))
        {
            throw new NotSupportedException(
                $"Model {model.Name}:{model.Version} lives at '{model.Path}'; only models stored in a datastore (azureml://.../datastores/.../paths/...) can be downloaded.");
        }
        Datastore datastore = (await client.Datastores.GetCoreAsync(datastoreName, async, cancellationToken).ConfigureAwait(false)).Value;
        BlobContainerClient container = await DatastoreStorage.OpenAsync(client, datastore, async, cancellationToken).ConfigureAwait(false);

        string artifactName = remotePath[(remotePath.LastIndexOf('/') + 1)..];
        string target = Path.GetFullPath(Path.Combine(directory, model.Name!));
        string root = Path.GetFullPath(Path.Combine(target, artifactName));
        int files = 0;
        foreach (BlobItem blob in await ListAsync(container, remotePath, async, cancellationToken).ConfigureAwait(false))
        {
            string relative = blob.Name == remotePath ? artifactName : blob.Name[(remotePath.Length + 1)..];
            string local = Path.GetFullPath(blob.Name == remotePath ? Path.Combine(target, relative) : Path.Combine(root, relative));
            if (!local.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Refusing to write blob '{blob.Name}' outside '{target}'.");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            BlobClient source = container.GetBlobClient(blob.Name);
            if (async)
            {
                await source.DownloadToAsync(local, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                source.DownloadTo(local, cancellationToken);
            }
            files++;
        }
        if (files == 0)
        {
            throw new RequestFailedException(404, $"No files were found for model {model.Name}:{model.Version} at '{remotePath}' in datastore '{datastoreName}'.", "ModelFilesNotFound", null);
        }
        return Directory.Exists(root) ? root : Path.Combine(target, artifactName);
    }

    /// <summary>The blob itself (a single-file model) or every blob under it as a folder.</summary>
    private static async ValueTask<List<BlobItem>> ListAsync(BlobContainerClient container, string remotePath, bool async, CancellationToken cancellationToken)
    {
        var blobs = new List<BlobItem>();
        if (async)
        {
            await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, remotePath, cancellationToken).ConfigureAwait(false))
            {
                blobs.Add(blob);
            }
        }
        else
        {
            blobs.AddRange(container.GetBlobs(BlobTraits.None, BlobStates.None, remotePath, cancellationToken));
        }
        return blobs.Where(b => b.Name == remotePath || b.Name.StartsWith(remotePath + "/", StringComparison.Ordinal)).ToList();
    }
}
