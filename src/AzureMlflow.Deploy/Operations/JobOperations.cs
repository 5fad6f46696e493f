using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Lro;
using AzureMlflow.Deploy.Mapping;
using AzureMlflow.Deploy.Storage;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>Follows, cancels and downloads batch jobs. Reached through <see cref="MLClient.Jobs"/>.</summary>
public class JobOperations
{
    /// <summary>Where Azure ML keeps a run's logs in the workspace artifact store.</summary>
    internal const string LogsDatastore = "workspaceartifactstore";

    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected JobOperations()
    {
    }

    internal JobOperations(MLClient client) => _client = client;

    private MLClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    private ArmRestClient Rest => Client.Rest;

    /// <summary>Gets a job.</summary>
    /// <param name="name">The job name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">404 when it does not exist.</exception>
    public virtual async Task<Response<BatchJob>> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync("Jobs.Get", () => GetCoreAsync(name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<BatchJob> Get(string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync("Jobs.Get", () => GetCoreAsync(name, false, cancellationToken)).EnsureCompleted();

    /// <summary>Asks the service to stop a job; the operation completes once it is stopping.</summary>
    /// <param name="waitUntil">Whether to wait.</param>
    /// <param name="name">The job name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<MLOperation> BeginCancelAsync(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync("Jobs.BeginCancel", () => CancelCoreAsync(waitUntil, name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginCancelAsync"/>
    public virtual MLOperation BeginCancel(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync("Jobs.BeginCancel", () => CancelCoreAsync(waitUntil, name, false, cancellationToken)).EnsureCompleted();

    private async ValueTask<MLOperation> CancelCoreAsync(WaitUntil waitUntil, string name, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Uri uri = Rest.WorkspaceUri(ResourceIds.JobPath(name) + "/cancel");
        Response initial = await Rest.SendAsync(RequestMethod.Post, uri, null, async, cancellationToken).ConfigureAwait(false);
        var operation = new MLOperation(LroCore.Start(Rest, RequestMethod.Post, uri, initial, $"Canceling job '{name}'"));
        return await OnlineEndpointOperations.WaitIfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows a job until it stops: yields an event when its status changes and one per new log line, polling at
    /// <see cref="MLClientOptions.PollingInterval"/>. Ends after the final status.
    /// </summary>
    /// <param name="name">The job name.</param>
    /// <param name="cancellationToken">Stops following (the job goes on).</param>
    public virtual async IAsyncEnumerable<JobEvent> StreamAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        JobStatus? last = null;
        int linesSeen = 0;
        BlobContainerClient? logs = null;
        while (true)
        {
            BatchJob job = (await GetCoreAsync(name, true, cancellationToken).ConfigureAwait(false)).Value;
            if (last != job.Status)
            {
                last = job.Status;
                yield return new JobEvent(job.Status, null, job);
            }
            logs ??= await LogsContainerAsync(cancellationToken).ConfigureAwait(false);
            string[] lines = await ReadLogAsync(logs, name, cancellationToken).ConfigureAwait(false);
            for (; linesSeen < lines.Length; linesSeen++)
            {
                yield return new JobEvent(job.Status, lines[linesSeen], job);
            }
            if (job.Status.IsTerminal)
            {
                yield break;
            }
            await Task.Delay(Rest.Options.PollingInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Downloads a job output (the <c>score</c> output holds the predictions file) into <paramref name="directory"/>.</summary>
    /// <param name="name">The job name.</param>
    /// <param name="directory">Where to write; created if needed.</param>
    /// <param name="outputName">The output to download.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <returns>The local paths of the downloaded files.</returns>
    public virtual async Task<IReadOnlyList<string>> DownloadOutputsAsync(string name, string directory, string outputName = "score", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        BatchJob job = (await GetCoreAsync(name, true, cancellationToken).ConfigureAwait(false)).Value;
        if (!job.Outputs.TryGetValue(outputName, out string? uri) || !DatastoreUris.TryParse(uri, out string datastoreName, out string path))
        {
            throw new InvalidOperationException($"Job '{name}' has no output '{outputName}' in a datastore (outputs: {string.Join(", ", job.Outputs.Keys)}).");
        }
        Datastore datastore = (await Client.Datastores.GetCoreAsync(datastoreName, true, cancellationToken).ConfigureAwait(false)).Value;
        BlobContainerClient container = await DatastoreStorage.OpenAsync(Client, datastore, true, cancellationToken).ConfigureAwait(false);
        string root = Path.GetFullPath(directory);
        var written = new List<string>();
        await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, path + "/", cancellationToken).ConfigureAwait(false))
        {
            string local = Path.GetFullPath(Path.Combine(root, blob.Name[(path.Length + 1)..]));
            if (!local.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Refusing to write blob '{blob.Name}' outside '{root}'.");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            await container.GetBlobClient(blob.Name).DownloadToAsync(local, cancellationToken).ConfigureAwait(false);
            written.Add(local);
        }
        return written;
    }

    private async ValueTask<Response<BatchJob>> GetCoreAsync(string name, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Response<JobData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.JobPath(name)), null, WireJsonContext.Default.JobData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(JobMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private async ValueTask<BlobContainerClient> LogsContainerAsync(CancellationToken cancellationToken)
    {
        Datastore datastore = (await Client.Datastores.GetCoreAsync(LogsDatastore, true, cancellationToken).ConfigureAwait(false)).Value;
        return await DatastoreStorage.OpenAsync(Client, datastore, true, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string[]> ReadLogAsync(BlobContainerClient logs, string job, CancellationToken cancellationToken)
    {
        try
        {
            BinaryData content = (await logs.GetBlobClient($"ExperimentRun/dcid.{job}/logs/azureml/job.log").DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            return content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }
}
