using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// Uploads a local model folder (or file) to a datastore the way the Python SDK and CLI do, so uploads are shared:
/// <list type="bullet">
/// <item>skip everything when the indicator blob already carries <c>upload_status=completed</c> (same content hash);</item>
/// <item>otherwise (over)write every file, in parallel, large files in blocks;</item>
/// <item>write the completion metadata on the indicator only after every file is committed, so a crash or cancellation
/// never leaves a "completed" marker over partial data.</item>
/// </list>
/// </summary>
internal static class ArtifactUploader
{
    public const string UploadRoot = "LocalUpload";

    /// <summary>Where older CLI versions put uploads; a completed upload found there is reused.</summary>
    public const string LegacyRoot = "az-ml-artifacts";

    private const string StatusKey = "upload_status";
    private const string Completed = "completed";

    /// <summary>Uploads unless already complete; returns the artifact's remote path relative to the container.</summary>
    public static async ValueTask<string> UploadAsync(
        BlobContainerClient container, UploadPlan plan, int maxConcurrency, long blockSize, IProgress<UploadProgress>? progress, bool async, CancellationToken cancellationToken)
    {
        try
        {
            foreach (string root in plan.AtContainerRoot ? [UploadRoot] : new[] { UploadRoot, LegacyRoot })
            {
                if (await IsCompleteAsync(container.GetBlobClient(plan.BlobName(root, plan.Files[0])), async, cancellationToken).ConfigureAwait(false))
                {
                    progress?.Report(new UploadProgress(plan.TotalBytes, plan.TotalBytes, plan.Files.Count, plan.Files.Count, alreadyUploaded: true));
                    return plan.RemotePath(root);
                }
            }

            var tracker = new ProgressTracker(plan, progress);
            var transfer = new StorageTransferOptions { InitialTransferSize = blockSize, MaximumTransferSize = blockSize, MaximumConcurrency = 4 };
            if (async)
            {
                await Parallel.ForEachAsync(plan.Files, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken }, async (file, ct) =>
                {
                    BlobClient blob = container.GetBlobClient(plan.BlobName(UploadRoot, file));
                    await using FileStream stream = OpenRead(file);
                    await blob.UploadAsync(stream, UploadOptions(transfer, tracker, file), ct).ConfigureAwait(false);
                    tracker.FileDone(file);
                }).ConfigureAwait(false);
            }
            else
            {
                Parallel.ForEach(plan.Files, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken }, file =>
                {
                    BlobClient blob = container.GetBlobClient(plan.BlobName(UploadRoot, file));
                    using FileStream stream = OpenRead(file);
                    blob.Upload(stream, UploadOptions(transfer, tracker, file), cancellationToken);
                    tracker.FileDone(file);
                });
            }

            // Only now, with every file committed, mark the upload complete (name/version are informational, as in Python).
            var metadata = new Dictionary<string, string> { [StatusKey] = Completed, ["name"] = plan.AssetName, ["version"] = plan.AssetVersion };
            BlobClient indicator = container.GetBlobClient(plan.BlobName(UploadRoot, plan.Files[0]));
            if (async)
            {
                await indicator.SetMetadataAsync(metadata, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                indicator.SetMetadata(metadata, cancellationToken: cancellationToken);
            }
            return plan.RemotePath(UploadRoot);
        }
        catch (Exception ex) when (Denied(ex) is { } denied)
        {
            throw new RequestFailedException(403,
                $"Storage refused access to container '{container.Name}' of account '{container.AccountName}' ({denied.ErrorCode}). " +
                "Uploading files needs the 'Storage Blob Data Contributor' role (and 'Storage Blob Data Reader') on the storage account for your identity, " +
                "or a datastore whose credentials allow writing.",
                denied.ErrorCode, denied);
        }
        catch (AggregateException ex)
        {
            // The sync Parallel.ForEach wraps failures; surface the first, as the async path does.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.Flatten().InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>The storage 403 behind a failure, whether thrown directly or wrapped by the sync parallel loop.</summary>
    private static RequestFailedException? Denied(Exception ex) => ex switch
    {
        RequestFailedException { Status: 403 } denied => denied,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.OfType<RequestFailedException>().FirstOrDefault(e => e.Status == 403),
        _ => null,
    };

    private static async ValueTask<bool> IsCompleteAsync(BlobClient indicator, bool async, CancellationToken cancellationToken)
    {
        try
        {
            Response<BlobProperties> properties = async
                ? await indicator.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)
                : indicator.GetProperties(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue(StatusKey, out string? status) && status == Completed;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private static FileStream OpenRead(LocalFile file) =>
        new(file.FullPath, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, Options = FileOptions.Asynchronous | FileOptions.SequentialScan, BufferSize = 0 });

    private static BlobUploadOptions UploadOptions(StorageTransferOptions transfer, ProgressTracker tracker, LocalFile file) => new()
    {
        TransferOptions = transfer,
        // Like the Python SDK's validate_content: storage checks an MD5 of what it received (skipped for empty files).
        TransferValidation = file.Length > 0 ? new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 } : null,
        ProgressHandler = new Progress(tracker, file),
    };

    /// <summary>Aggregates per-file byte counts into one <see cref="UploadProgress"/> stream.</summary>
    private sealed class ProgressTracker(UploadPlan plan, IProgress<UploadProgress>? sink)
    {
        private long _bytes;
        private int _files;
        private readonly Dictionary<LocalFile, long> _perFile = [];

        public void Add(LocalFile file, long sentForFile)
        {
            long delta;
            lock (_perFile)
            {
                _perFile.TryGetValue(file, out long before);
                delta = Math.Max(0, sentForFile - before);
                _perFile[file] = Math.Max(before, sentForFile);
            }
            if (delta > 0)
            {
                Report(Interlocked.Add(ref _bytes, delta), Volatile.Read(ref _files));
            }
        }

        public void FileDone(LocalFile file)
        {
            Add(file, file.Length);
            Report(Volatile.Read(ref _bytes), Interlocked.Increment(ref _files));
        }

        private void Report(long bytes, int files) => sink?.Report(new UploadProgress(bytes, plan.TotalBytes, files, plan.Files.Count));
    }

    private sealed class Progress(ProgressTracker tracker, LocalFile file) : IProgress<long>
    {
        public void Report(long value) => tracker.Add(file, value);
    }
}
