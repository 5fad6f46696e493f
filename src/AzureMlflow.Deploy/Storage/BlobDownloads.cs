using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// Downloads a set of blobs under a prefix into a local folder (model files, job outputs): every local path is checked
/// with <see cref="SafeLocalPath"/> before anything is written, so a bad name never leaves a half-written download.
/// </summary>
internal static class BlobDownloads
{
    /// <summary>The names of the blobs whose name starts with <paramref name="prefix"/>.</summary>
    public static async ValueTask<List<string>> ListAsync(BlobContainerClient container, string prefix, bool async, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (async)
        {
            await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
            {
                names.Add(blob.Name);
            }
        }
        else
        {
            names.AddRange(container.GetBlobs(BlobTraits.None, BlobStates.None, prefix, cancellationToken).Select(b => b.Name));
        }
        return names;
    }

    /// <summary>Downloads each blob to <c>root/relative(blob)</c>; returns the local paths.</summary>
    public static async ValueTask<List<string>> DownloadAsync(
        BlobContainerClient container, IReadOnlyList<string> blobs, string root, Func<string, string> relative, bool async, CancellationToken cancellationToken)
    {
        List<(string Blob, string Local)> plan = blobs.Select(blob => (blob, SafeLocalPath.Resolve(root, relative(blob), blob))).ToList();
        foreach ((string blob, string local) in plan)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            BlobClient source = container.GetBlobClient(blob);
            if (async)
            {
                await source.DownloadToAsync(local, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                source.DownloadTo(local, cancellationToken);
            }
        }
        return plan.Select(p => p.Local).ToList();
    }
}
