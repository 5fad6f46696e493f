using Azure;
using Azure.Storage.Blobs;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Uris;

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
        (BlobContainerClient container, _) = await client.Containers.OpenAsync(datastoreName, async, cancellationToken).ConfigureAwait(false);

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

    /// <summary>Reads a registered MLflow model's MLmodel file from its datastore, without downloading the rest.</summary>
    public static async ValueTask<Mlflow.MlflowModel> ReadMlmodelAsync(MLClient client, Model model, bool async, CancellationToken cancellationToken)
    {
        if (model.Path is null || !DatastoreUris.TryParse(model.Path, out string datastoreName, out string remotePath))
        {
            throw new NotSupportedException(
                $"Model {model.Name}:{model.Version} lives at '{model.Path}'; only models stored in a datastore (azureml://.../datastores/.../paths/...) can be read.");
        }
        (BlobContainerClient container, _) = await client.Containers.OpenAsync(datastoreName, async, cancellationToken).ConfigureAwait(false);
        string source = $"{model.Name}:{model.Version} ({remotePath}/MLmodel)";
        BlobClient mlmodel = container.GetBlobClient(remotePath + "/MLmodel");
        try
        {
            long length = (async ? await mlmodel.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false) : mlmodel.GetProperties(cancellationToken: cancellationToken)).Value.ContentLength;
            if (length > Mlflow.MlflowModel.MaxFileBytes)
            {
                throw new Mlflow.MlflowModelException($"'{source}' is larger than {Mlflow.MlflowModel.MaxFileBytes / 1024} KiB; an MLmodel file is a small YAML description.");
            }
            BinaryData content = (async ? await mlmodel.DownloadContentAsync(cancellationToken).ConfigureAwait(false) : mlmodel.DownloadContent(cancellationToken)).Value.Content;
            return Mlflow.MlflowModel.Parse(content.ToString(), source);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new Mlflow.MlflowModelException($"Model {model.Name}:{model.Version} has no MLmodel file at '{remotePath}/MLmodel'; is it an MLflow model?", ex);
        }
    }
}
