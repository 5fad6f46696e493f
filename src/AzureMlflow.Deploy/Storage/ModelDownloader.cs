using Azure;
using Azure.Storage.Blobs;
using AzureMlflow.Deploy.Core;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// Downloads a registered model's files from its datastore into <c>{directory}/{model name}/{artifact name}/...</c>,
/// the layout the Python SDK produces, refusing any blob name (or link in the folder) that would land a file elsewhere.
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
        List<string> blobs = (await BlobDownloads.ListAsync(container, remotePath, async, cancellationToken).ConfigureAwait(false))
            .Where(name => name == remotePath || name.StartsWith(remotePath + "/", StringComparison.Ordinal)).ToList();
        List<string> written = await BlobDownloads.DownloadAsync(container, blobs, target,
            name => name == remotePath ? artifactName : Path.Combine(artifactName, name[(remotePath.Length + 1)..]), async, cancellationToken).ConfigureAwait(false);
        int files = written.Count;
        if (files == 0)
        {
            throw new RequestFailedException(404, $"No files were found for model {model.Name}:{model.Version} at '{remotePath}' in datastore '{datastoreName}'.", "ModelFilesNotFound", null);
        }
        return Directory.Exists(root) ? root : Path.Combine(target, artifactName);
    }
}
