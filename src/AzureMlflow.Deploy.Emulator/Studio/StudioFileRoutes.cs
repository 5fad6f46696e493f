using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Studio;

/// <summary>
/// Read-only access to the workspace's datastores for the studio page, which cannot sign Azure Storage requests: the
/// files of a model or a job output, an MLmodel as JSON (signature, input example info), and a file's content (job logs,
/// outputs to download). The real studio reads these through its own data-plane service; SDK clients use the datastore's
/// <c>listSecrets</c> and Azure Storage instead. Every route needs the bearer token the ARM routes need.
/// </summary>
internal sealed class StudioFileRoutes(WorkspaceState state, BlobStore? store)
{
    public const string Path = StudioRoutes.Path + "/files";

    public void Map(IEndpointRouteBuilder app)
    {
        // ?uri=azureml://.../datastores/{ds}/paths/{folder}: the files under the folder, relative names and sizes.
        app.MapGet(Path, async (string uri, CancellationToken cancellationToken) =>
        {
            (BlobContainerClient container, string folder) = Locate(uri);
            var files = new JsonArray();
            await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder + "/", cancellationToken).ConfigureAwait(false))
            {
                files.Add(new JsonObject { ["name"] = blob.Name[(folder.Length + 1)..], ["size"] = blob.Properties.ContentLength });
            }
            return ArmResult.Ok(new JsonObject { ["value"] = files });
        });

        // ?uri=...{file}: the file itself, as a download named like the blob.
        app.MapGet(Path + "/content", async (string uri, CancellationToken cancellationToken) =>
        {
            (BlobContainerClient container, string path) = Locate(uri);
            Response<BlobDownloadStreamingResult> download = await DownloadAsync(container, path, uri, cancellationToken).ConfigureAwait(false);
            return Results.Stream(download.Value.Content, "application/octet-stream", path[(path.LastIndexOf('/') + 1)..]);
        });

        // ?uri=...{model folder}: the folder's MLmodel as JSON (the page has no YAML parser).
        app.MapGet(Path + "/mlmodel", async (string uri, CancellationToken cancellationToken) =>
        {
            (BlobContainerClient container, string folder) = Locate(uri);
            Response<BlobDownloadStreamingResult> download = await DownloadAsync(container, folder + "/MLmodel", uri, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(download.Value.Content);
            return ArmResult.Ok(Python.MlmodelJson.Parse(reader));
        });
    }

    private (BlobContainerClient Container, string Path) Locate(string uri)
    {
        BlobStore blobs = DatastoreRoutes.RequireStore(store);
        if (DatastorePaths.Locate(state, uri) is not { } location)
        {
            throw ServiceException.BadRequest($"'{uri}' is not a datastore path (azureml://datastores/<name>/paths/<path>).", "uri");
        }
        return (blobs.Service.GetBlobContainerClient(DatastoreRoutes.Find(state, location.Datastore)), location.Path);
    }

    private static async Task<Response<BlobDownloadStreamingResult>> DownloadAsync(BlobContainerClient container, string path, string uri, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new ServiceException(404, new ServiceError("NotFound", $"No file '{path[(path.LastIndexOf('/') + 1)..]}' at '{uri}'."));
        }
    }
}
