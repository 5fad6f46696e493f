namespace AzureMlflow.Deploy;

/// <summary>
/// How far an upload of model files has come. Reported through <see cref="IProgress{T}"/>, possibly from several threads
/// at once (files upload in parallel), so two reports may arrive out of order; each one is a consistent snapshot.
/// </summary>
/// <param name="BytesTransferred">Bytes sent so far, over all files.</param>
/// <param name="TotalBytes">Bytes to send in total.</param>
/// <param name="FilesCompleted">Files fully uploaded.</param>
/// <param name="TotalFiles">Files to upload.</param>
/// <param name="AlreadyUploaded">True when the same content was found complete in the datastore and nothing was sent.</param>
public readonly record struct UploadProgress(long BytesTransferred, long TotalBytes, int FilesCompleted, int TotalFiles, bool AlreadyUploaded = false);
