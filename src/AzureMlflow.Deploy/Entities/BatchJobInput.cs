namespace AzureMlflow.Deploy;

/// <summary>
/// An input of a batch job: a folder (every file directly in it is scored; nested folders are not explored by the
/// service) or a single file. Local paths are uploaded first (to <c>LocalUpload/{hash}/</c> in the default datastore);
/// <c>azureml://</c> datastore URIs, data assets (<c>azureml:name:version</c>, <c>azureml:name@latest</c>) and https URLs are
/// passed to the service.
/// </summary>
public sealed class BatchJobInput
{
    private BatchJobInput(string path, bool isFolder, bool flatten)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        IsFolder = isFolder;
        Flatten = flatten;
    }

    /// <summary>The local path or URI.</summary>
    public string Path { get; }

    /// <summary>Whether it is a folder (<c>uri_folder</c>) rather than a file (<c>uri_file</c>).</summary>
    public bool IsFolder { get; }

    /// <summary>For local folders: upload files of subfolders to the top level (named <c>sub_file.csv</c>) so the service scores them.</summary>
    public bool Flatten { get; }

    /// <summary>A folder input.</summary>
    /// <param name="path">A local folder, an <c>azureml://datastores/.../paths/...</c> URI, a data asset, or an https URL.</param>
    /// <param name="flatten">For a local folder with subfolders, bring their files to the top level so they are scored too.</param>
    public static BatchJobInput FromFolder(string path, bool flatten = false) => new(path, isFolder: true, flatten);

    /// <summary>A single-file input.</summary>
    /// <param name="path">A local file, an <c>azureml://</c> URI, a data asset, or an https URL.</param>
    public static BatchJobInput FromFile(string path) => new(path, isFolder: false, flatten: false);

    internal bool IsRemote =>
        Path.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase) || Path.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || Path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Path.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => $"{(IsFolder ? "uri_folder" : "uri_file")} {Path}";
}
