namespace AzureMlflow.Deploy;

/// <summary>
/// How far an upload of model files has come. Reported through <see cref="IProgress{T}"/>, possibly from several threads
/// at once (files upload in parallel), so two reports may arrive out of order; each one is a consistent snapshot.
/// </summary>
public readonly struct UploadProgress
{
    internal UploadProgress(long bytesTransferred, long totalBytes, int filesCompleted, int totalFiles, bool alreadyUploaded = false)
    {
        BytesTransferred = bytesTransferred;
        TotalBytes = totalBytes;
        FilesCompleted = filesCompleted;
        TotalFiles = totalFiles;
        AlreadyUploaded = alreadyUploaded;
    }

    /// <summary>Bytes sent so far, over all files.</summary>
    public long BytesTransferred { get; }

    /// <summary>Bytes to send in total.</summary>
    public long TotalBytes { get; }

    /// <summary>Files fully uploaded.</summary>
    public int FilesCompleted { get; }

    /// <summary>Files to upload.</summary>
    public int TotalFiles { get; }

    /// <summary>True when the same content was found complete in the datastore and nothing was sent.</summary>
    public bool AlreadyUploaded { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        AlreadyUploaded ? $"{TotalFiles} files already uploaded" : $"{BytesTransferred}/{TotalBytes} bytes, {FilesCompleted}/{TotalFiles} files";
}
