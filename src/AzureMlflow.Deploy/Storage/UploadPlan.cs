namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// What to upload: the content hash names the remote folder (<c>LocalUpload/{hash}/{root}</c>), so identical content
/// uploaded from .NET, Python or the CLI lands in the same place. <see cref="Files"/> are in the Python SDK's order; the
/// first one is the indicator blob that carries the <c>upload_status=completed</c> marker. A plan
/// <see cref="AtContainerRoot"/> (a code asset's temporary container) puts the artifact at the container's root instead.
/// </summary>
internal sealed record UploadPlan(string Hash, string RootName, bool IsDirectory, IReadOnlyList<LocalFile> Files, string AssetName, string AssetVersion)
{
    public long TotalBytes { get; } = Files.Sum(f => f.Length);

    /// <summary>Whether the artifact goes to the container's root, as into the container a pending upload hands out.</summary>
    public bool AtContainerRoot { get; init; }

    /// <summary>The remote path of the uploaded artifact, relative to the container.</summary>
    public string RemotePath(string root) => AtContainerRoot ? RootName : $"{root}/{Hash}/{RootName}";

    /// <summary>The blob name of a file.</summary>
    public string BlobName(string root, LocalFile file) => IsDirectory ? $"{RemotePath(root)}/{file.RelativePath}" : RemotePath(root);
}
