using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Lro;
using AzureMlflow.Deploy.Storage;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Uris;

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
        await MlTracing.TraceAsync(Rest.TracingEnabled, "JobOperations.Get", () => GetCoreAsync(name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<BatchJob> Get(string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "JobOperations.Get", () => GetCoreAsync(name, false, cancellationToken)).EnsureCompleted();

    /// <summary>Asks the service to stop a job; the operation completes once it is stopping.</summary>
    /// <param name="waitUntil">Whether to wait.</param>
    /// <param name="name">The job name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<MLOperation> BeginCancelAsync(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "JobOperations.BeginCancel", () => CancelCoreAsync(waitUntil, name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginCancelAsync"/>
    public virtual MLOperation BeginCancel(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "JobOperations.BeginCancel", () => CancelCoreAsync(waitUntil, name, false, cancellationToken)).EnsureCompleted();

    private async ValueTask<MLOperation> CancelCoreAsync(WaitUntil waitUntil, string name, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Uri uri = Rest.WorkspaceUri(ResourceIds.JobPath(name) + "/cancel");
        Response initial = await Rest.SendAsync(RequestMethod.Post, uri, null, async, cancellationToken).ConfigureAwait(false);
        var operation = new MLOperation(LroCore.Start(Rest, RequestMethod.Post, uri, initial, $"Canceling job '{name}'"));
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows a job until it stops: yields an event when its status changes and one per new log line, polling at
    /// <see cref="MLClientOptions.PollingInterval"/>. Ends after the final status.
    /// </summary>
    /// <param name="name">The job name.</param>
    /// <param name="cancellationToken">Stops following (the job goes on).</param>
    public virtual async IAsyncEnumerable<JobEvent> StreamAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var follower = new JobFollower(name);
        while (true)
        {
            foreach (JobEvent e in await PollAsync(follower, true, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
            if (follower.Finished)
            {
                yield break;
            }
            await Task.Delay(Rest.Options.PollingInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="StreamAsync"/>
    public virtual IEnumerable<JobEvent> Stream(string name, CancellationToken cancellationToken = default)
    {
        var follower = new JobFollower(name);
        while (true)
        {
            foreach (JobEvent e in PollAsync(follower, false, cancellationToken).EnsureCompleted())
            {
                yield return e;
            }
            if (follower.Finished)
            {
                yield break;
            }
            cancellationToken.WaitHandle.WaitOne(Rest.Options.PollingInterval);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>What a stream has seen of a job so far.</summary>
    private sealed class JobFollower
    {
        public JobFollower(string name)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            Name = name;
        }

        public string Name { get; }

        public JobStatus? LastStatus { get; set; }

        public int LinesSeen { get; set; }

        public BlobContainerClient? Logs { get; set; }

        public bool Finished { get; set; }
    }

    /// <summary>Reads the job and its log once; returns the new status (if it changed) and the new log lines.</summary>
    private async ValueTask<List<JobEvent>> PollAsync(JobFollower follower, bool async, CancellationToken cancellationToken)
    {
        var events = new List<JobEvent>();
        BatchJob job = (await GetCoreAsync(follower.Name, async, cancellationToken).ConfigureAwait(false)).Value;
        if (follower.LastStatus != job.Status)
        {
            follower.LastStatus = job.Status;
            events.Add(new JobEvent(job.Status, null, job));
        }
        follower.Logs ??= await OpenDatastoreAsync(LogsDatastore, async, cancellationToken).ConfigureAwait(false);
        string[] lines = await ReadLogAsync(follower.Logs, follower.Name, async, cancellationToken).ConfigureAwait(false);
        for (; follower.LinesSeen < lines.Length; follower.LinesSeen++)
        {
            events.Add(new JobEvent(job.Status, lines[follower.LinesSeen], job));
        }
        follower.Finished = job.Status.IsTerminal;
        return events;
    }

    /// <summary>Downloads a job output (the <c>score</c> output holds the predictions file) into <paramref name="directory"/>.</summary>
    /// <param name="name">The job name.</param>
    /// <param name="directory">Where to write; created if needed.</param>
    /// <param name="outputName">The output to download.</param>
    /// <param name="cancellationToken">Cancels the downloads.</param>
    /// <returns>The local paths of the downloaded files, with the response of the job read that located the output.</returns>
    public virtual async Task<Response<IReadOnlyList<string>>> DownloadOutputsAsync(string name, string directory, string outputName = "score", CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "JobOperations.DownloadOutputs", () => DownloadOutputsCoreAsync(name, directory, outputName, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="DownloadOutputsAsync"/>
    public virtual Response<IReadOnlyList<string>> DownloadOutputs(string name, string directory, string outputName = "score", CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "JobOperations.DownloadOutputs", () => DownloadOutputsCoreAsync(name, directory, outputName, false, cancellationToken)).EnsureCompleted();

    private async ValueTask<Response<IReadOnlyList<string>>> DownloadOutputsCoreAsync(string name, string directory, string outputName, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Response<BatchJob> read = await GetCoreAsync(name, async, cancellationToken).ConfigureAwait(false);
        BatchJob job = read.Value;
        if (!job.Outputs.TryGetValue(outputName, out string? uri) || !DatastoreUris.TryParse(uri, out string datastoreName, out string path))
        {
            throw new InvalidOperationException($"Job '{name}' has no output '{outputName}' in a datastore (outputs: {string.Join(", ", job.Outputs.Keys)}).");
        }
        BlobContainerClient container = await OpenDatastoreAsync(datastoreName, async, cancellationToken).ConfigureAwait(false);
        string root = Path.GetFullPath(directory);
        List<string> blobs = await BlobDownloads.ListAsync(container, path + "/", async, cancellationToken).ConfigureAwait(false);
        List<string> files = await BlobDownloads.DownloadAsync(container, blobs, root, blob => blob[(path.Length + 1)..], async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue<IReadOnlyList<string>>(files, read.GetRawResponse());
    }

    private async ValueTask<Response<BatchJob>> GetCoreAsync(string name, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Response<JobData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.JobPath(name)), null, WireJsonContext.Default.JobData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(JobMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private async ValueTask<BlobContainerClient> OpenDatastoreAsync(string datastoreName, bool async, CancellationToken cancellationToken) =>
        (await Client.Containers.OpenAsync(datastoreName, async, cancellationToken).ConfigureAwait(false)).Container;

    private static async ValueTask<string[]> ReadLogAsync(BlobContainerClient logs, string job, bool async, CancellationToken cancellationToken)
    {
        // A pipeline run's execution log, where run history lists it.
        BlobClient log = logs.GetBlobClient($"ExperimentRun/dcid.{job}/logs/azureml/executionlogs.txt");
        try
        {
            BinaryData content = async
                ? (await log.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content
                : log.DownloadContent(cancellationToken).Value.Content;
            return content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }
}
