using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Scoring;
using AzureMlflow.Deploy.Storage;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

public partial class BatchEndpointOperations
{
    /// <summary>The header that makes a retried invoke return the job the first attempt created instead of a second one.</summary>
    internal const string RepeatabilityHeader = "repeatability_request-id";

    private readonly ConcurrentDictionary<string, ScoringClient> _jobClients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Starts a batch scoring job on the endpoint's default deployment (or <paramref name="deploymentName"/>). Local
    /// inputs are uploaded first; the call carries an Azure AD token and a repeatability id, so a retried call (after a
    /// dropped connection) never creates a second job.
    /// </summary>
    /// <param name="endpointName">The batch endpoint.</param>
    /// <param name="input">The data to score (sent as the input named <c>input_data</c>).</param>
    /// <param name="deploymentName">The deployment to run, or null for the endpoint's default.</param>
    /// <param name="cancellationToken">Cancels the upload and the call.</param>
    /// <exception cref="ScoringException">The endpoint refused the invocation.</exception>
    public virtual Task<Response<BatchJob>> InvokeAsync(string endpointName, BatchJobInput input, string? deploymentName = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(endpointName, new Dictionary<string, BatchJobInput> { ["input_data"] = input ?? throw new ArgumentNullException(nameof(input)) }, deploymentName, cancellationToken);

    /// <summary>Starts a batch scoring job with named inputs.</summary>
    /// <param name="endpointName">The batch endpoint.</param>
    /// <param name="inputs">The inputs by name.</param>
    /// <param name="deploymentName">The deployment to run, or null for the endpoint's default.</param>
    /// <param name="cancellationToken">Cancels the uploads and the call.</param>
    /// <exception cref="ScoringException">The endpoint refused the invocation.</exception>
    public virtual async Task<Response<BatchJob>> InvokeAsync(string endpointName, IDictionary<string, BatchJobInput> inputs, string? deploymentName = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.Invoke", () => InvokeCoreAsync(endpointName, inputs, deploymentName, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="InvokeAsync(string, BatchJobInput, string, CancellationToken)"/>
    public virtual Response<BatchJob> Invoke(string endpointName, BatchJobInput input, string? deploymentName = null, CancellationToken cancellationToken = default) =>
        Invoke(endpointName, new Dictionary<string, BatchJobInput> { ["input_data"] = input ?? throw new ArgumentNullException(nameof(input)) }, deploymentName, cancellationToken);

    /// <inheritdoc cref="InvokeAsync(string, IDictionary{string, BatchJobInput}, string, CancellationToken)"/>
    public virtual Response<BatchJob> Invoke(string endpointName, IDictionary<string, BatchJobInput> inputs, string? deploymentName = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.Invoke", () => InvokeCoreAsync(endpointName, inputs, deploymentName, false, cancellationToken)).EnsureCompleted();

    /// <summary>
    /// Lists the jobs of a batch endpoint, or of one of its deployments, oldest first, page by page from the endpoint's
    /// jobs API (the service chooses the page size).
    /// </summary>
    /// <param name="endpointName">The batch endpoint.</param>
    /// <param name="deploymentName">Only the jobs that ran on this deployment, or null for all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<BatchJob> ListJobsAsync(string endpointName, string? deploymentName = null, CancellationToken cancellationToken = default) =>
        JobPages(endpointName, deploymentName, cancellationToken).Async();

    /// <inheritdoc cref="ListJobsAsync"/>
    public virtual Pageable<BatchJob> ListJobs(string endpointName, string? deploymentName = null, CancellationToken cancellationToken = default) =>
        JobPages(endpointName, deploymentName, cancellationToken).Sync();

    private ArmPageable<BatchJob> JobPages(string endpointName, string? deploymentName, CancellationToken cancellationToken)
    {
        NameRules.ValidateEndpointName(endpointName, nameof(endpointName));
        if (deploymentName is not null)
        {
            NameRules.ValidateDeploymentName(deploymentName, nameof(deploymentName));
        }
        return new ArmPageable<BatchJob>((continuation, async, ct) => MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.ListJobs", async () =>
        {
            ScoringClient jobs = await JobClientAsync(endpointName, async, ct).ConfigureAwait(false);
            Uri? next = continuation is null ? null : SameHost(new Uri(continuation), jobs.ScoringUri);
            Response<ScoringResult> page = await jobs.SendAsync(new ScoringRequest(RequestMethod.Get, null, null, null, next), async, ct).ConfigureAwait(false);
            ResourceList<JobData> list = System.Text.Json.JsonSerializer.Deserialize(page.Value.Content.ToMemory().Span, WireJsonContext.Default.ResourceListJobData) ?? new();
            List<BatchJob> values = (list.Value ?? []).Select(JobMapper.FromWire)
                .Where(job => deploymentName is null || string.Equals(job.DeploymentName, deploymentName, StringComparison.OrdinalIgnoreCase)).ToList();
            return Page<BatchJob>.FromValues(values, string.IsNullOrEmpty(list.NextLink) ? null : list.NextLink, page.GetRawResponse());
        }), cancellationToken);
    }

    /// <summary>A next page is fetched with the endpoint's credential, so it must stay on the endpoint's own host.</summary>
    private static Uri SameHost(Uri next, Uri scoringUri) =>
        Uri.Compare(next, scoringUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? next
            : throw new InvalidOperationException($"The batch endpoint's job list pointed to another host ({next.Host}); the endpoint's token is not sent there.");

    private async ValueTask<Response<BatchJob>> InvokeCoreAsync(string endpointName, IDictionary<string, BatchJobInput> inputs, string? deploymentName, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateEndpointName(endpointName, nameof(endpointName));
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("Give at least one input.", nameof(inputs));
        }
        if (deploymentName is not null)
        {
            NameRules.ValidateDeploymentName(deploymentName, nameof(deploymentName));
        }
        foreach (BatchJobInput input in inputs.Values.Where(i => !i.IsRemote))
        {
            if (input.IsFolder ? !Directory.Exists(input.Path) : !File.Exists(input.Path))
            {
                throw new ArgumentException($"The batch input '{input.Path}' is not an existing {(input.IsFolder ? "folder" : "file")}.", nameof(inputs));
            }
        }

        var wireInputs = new Dictionary<string, JobIoData>(StringComparer.Ordinal);
        foreach ((string name, BatchJobInput input) in inputs)
        {
            string uri = input.IsRemote
                ? await ResolveRemoteAsync(input.Path, async, cancellationToken).ConfigureAwait(false)
                : await LocalInputUpload.UploadAsync(Client, input, async, cancellationToken).ConfigureAwait(false);
            wireInputs[name] = new JobIoData { JobInputType = input.IsFolder ? "UriFolder" : "UriFile", Uri = uri };
        }
        RequestContent body = ArmRestClient.Json(
            new BatchJobRequestData { Properties = new BatchJobRequestPropertiesData { InputData = wireInputs } }, WireJsonContext.Default.BatchJobRequestData);
        ScoringClient jobs = await JobClientAsync(endpointName, async, cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string> { [RepeatabilityHeader] = Guid.NewGuid().ToString() };
        Response<ScoringResult> result = await jobs.SendAsync(new ScoringRequest(RequestMethod.Post, body, deploymentName?.ToLowerInvariant(), headers), async, cancellationToken).ConfigureAwait(false);
        JobData job = System.Text.Json.JsonSerializer.Deserialize(result.Value.Content.ToMemory().Span, WireJsonContext.Default.JobData)
            ?? throw new InvalidOperationException("The batch endpoint returned no job.");
        return Response.FromValue(JobMapper.FromWire(job), result.GetRawResponse());
    }

    /// <summary>
    /// Data asset references (<c>azureml:name:version</c>, or <c>azureml:name@latest</c> read from the data container)
    /// become ARM ids; datastore URIs and URLs pass through as given, as azure-ai-ml sends them (the service resolves a
    /// short datastore URI against the workspace).
    /// </summary>
    private async ValueTask<string> ResolveRemoteAsync(string path, bool async, CancellationToken cancellationToken)
    {
        if (path.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase) || !path.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }
        string reference = path["azureml:".Length..];
        string name;
        string version;
        if (reference.EndsWith("@latest", StringComparison.OrdinalIgnoreCase))
        {
            name = reference[..^"@latest".Length];
            // A data container has the same wire shape as a model container: properties.latestVersion.
            Response<ModelContainerData> container = await Rest.SendAsync(
                RequestMethod.Get, Rest.WorkspaceUri($"/data/{Uri.EscapeDataString(name)}"), null, WireJsonContext.Default.ModelContainerData, async, cancellationToken).ConfigureAwait(false);
            version = container.Value.Properties?.LatestVersion ?? throw new InvalidOperationException($"Data asset '{name}' has no versions.");
        }
        else
        {
            int at = reference.LastIndexOf(':');
            if (at <= 0)
            {
                throw new ArgumentException($"The data asset reference '{path}' needs a version: azureml:<name>:<version> or azureml:<name>@latest.");
            }
            (name, version) = (reference[..at], reference[(at + 1)..]);
        }
        return $"{Rest.WorkspaceResourceId}/data/{Uri.EscapeDataString(name)}/versions/{Uri.EscapeDataString(version)}";
    }

    private async ValueTask<ScoringClient> JobClientAsync(string endpointName, bool async, CancellationToken cancellationToken)
    {
        if (_jobClients.TryGetValue(endpointName, out ScoringClient? cached))
        {
            return cached;
        }
        BatchEndpoint endpoint = (await GetCoreAsync(endpointName, async, cancellationToken).ConfigureAwait(false)).Value;
        MLClientOptions options = Rest.Options;
        Uri jobsUri = ScoringUris.EnsureFromService(
            endpoint.ScoringUri ?? throw new InvalidOperationException($"Batch endpoint '{endpointName}' has no scoring URI yet (state {endpoint.ProvisioningState})."),
            options.ResourceManagerEndpoint, options.TrustedScoringDomains);
        var client = new ScoringClient(jobsUri, new TokenScoringCredential(Client.Credential, options.Scoring.AuthenticationScope), options.Scoring);
        return _jobClients.GetOrAdd(endpointName, client);
    }
}
