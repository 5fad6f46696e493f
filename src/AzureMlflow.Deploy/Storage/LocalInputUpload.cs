using Azure.Storage.Blobs;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Storage;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// Uploads a local batch input the way models are uploaded (content hash, <c>LocalUpload/{hash}/{name}</c>, completion
/// marker) and returns its datastore URI; warns when a folder has subfolders, which batch scoring does not explore.
/// </summary>
internal static class LocalInputUpload
{
    public static async ValueTask<string> UploadAsync(MLClient client, BatchJobInput input, bool async, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(input.Path);
        if (input.IsFolder ? !Directory.Exists(full) : !File.Exists(full))
        {
            throw new ArgumentException($"The batch input '{input.Path}' is not an existing {(input.IsFolder ? "folder" : "file")}.", nameof(input));
        }
        IgnoreRules rules = input.IsFolder ? IgnoreRules.Load(full) : IgnoreRules.None;
        LocalArtifact artifact = LocalArtifact.Scan(full, rules);
        List<LocalFile> files = artifact.Files.ToList();
        bool flattened = false;
        if (input.IsFolder && files.Any(f => f.RelativePath.Contains('/', StringComparison.Ordinal)))
        {
            if (input.Flatten)
            {
                files = Flatten(input.Path, files);
                flattened = true;
            }
            else
            {
                MlEventSource.Log.NestedInputFolders(input.Path, files.Count(f => f.RelativePath.Contains('/', StringComparison.Ordinal)));
            }
        }
        string hash = async ? await ContentHash.ComputeAsync(full, rules, cancellationToken).ConfigureAwait(false) : ContentHash.Compute(full, rules, cancellationToken);
        if (flattened)
        {
            hash += "-flat"; // a flattened upload has another layout than the folder itself
        }

        (BlobContainerClient container, string datastore) = await client.Containers.OpenAsync(DatastoreOperations.DefaultDatastoreName, async, cancellationToken).ConfigureAwait(false);
        var plan = new UploadPlan(hash, artifact.RootName, input.IsFolder, files, Guid.NewGuid().ToString(), "1");
        MLClientOptions options = client.Rest.Options;
        string remote = await ArtifactUploader.UploadAsync(container, plan, options.UploadConcurrency, options.UploadBlockSize, null, async, cancellationToken).ConfigureAwait(false);
        return $"azureml://datastores/{datastore}/paths/{remote}{(input.IsFolder ? "/" : "")}";
    }

    /// <summary>Nested files move to the top level as <c>folder_file</c>; a name that would then be taken twice is refused.</summary>
    private static List<LocalFile> Flatten(string input, List<LocalFile> files)
    {
        List<LocalFile> flat = [.. files.Select(f => f with { RelativePath = f.RelativePath.Replace('/', '_') }).OrderBy(f => f.RelativePath, StringComparer.Ordinal)];
        if (flat.GroupBy(f => f.RelativePath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            string sources = string.Join(" and ", files.Where(f => f.RelativePath.Replace('/', '_') == clash.Key).Select(f => $"'{f.RelativePath}'"));
            throw new ArgumentException($"Flattening the batch input '{input}' would give {sources} the same name '{clash.Key}'; rename one of them.", nameof(input));
        }
        return flat;
    }
}
