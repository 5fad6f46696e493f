using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Scoring;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

public partial class OnlineEndpointOperations
{
    private readonly ConcurrentDictionary<string, ScoringClient> _scoringClients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Scores a payload on an online endpoint. The scoring URI and auth mode are read from the endpoint once and cached;
    /// the credential follows the auth mode (key: the primary key, re-read after a 401 so a rotated key recovers;
    /// aml_token: renewed before it expires; aad_token: the client's credential with the ML scope). Transient failures are
    /// retried per <see cref="MLClientOptions.Scoring"/>.
    /// </summary>
    /// <param name="endpointName">The endpoint.</param>
    /// <param name="payload">The request; call <see cref="ScoringPayload.Validate"/> first to check it against the model's signature.</param>
    /// <param name="deploymentName">A deployment to send this one call to (<c>azureml-model-deployment</c>), or null to follow the traffic split.</param>
    /// <param name="cancellationToken">Cancels the call, including retries.</param>
    /// <exception cref="ScoringException">The scoring service refused the call, with its message and request id.</exception>
    /// <exception cref="TimeoutException">No answer within the scoring attempt or overall timeout (<see cref="MLClientOptions.Scoring"/>).</exception>
    public virtual async Task<Response<ScoringResult>> InvokeAsync(string endpointName, ScoringPayload payload, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return await InvokeCoreAsync(endpointName, new PayloadRequestContent(payload, Client.Rest.Options.Scoring.Format), deploymentName, true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="InvokeAsync(string, ScoringPayload, string, CancellationToken)"/>
    public virtual Response<ScoringResult> Invoke(string endpointName, ScoringPayload payload, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return InvokeCoreAsync(endpointName, new PayloadRequestContent(payload, Client.Rest.Options.Scoring.Format), deploymentName, false, cancellationToken).EnsureCompleted();
    }

    /// <summary>Scores a JSON request body given as bytes (for example a request file's content).</summary>
    /// <param name="endpointName">The endpoint.</param>
    /// <param name="request">The JSON request body, sent as it is.</param>
    /// <param name="deploymentName">A deployment to send this one call to, or null to follow the traffic split.</param>
    /// <param name="cancellationToken">Cancels the call, including retries.</param>
    /// <exception cref="ScoringException">The scoring service refused the call.</exception>
    public virtual async Task<Response<ScoringResult>> InvokeAsync(string endpointName, BinaryData request, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await InvokeCoreAsync(endpointName, RequestContent.Create(request), deploymentName, true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="InvokeAsync(string, BinaryData, string, CancellationToken)"/>
    public virtual Response<ScoringResult> Invoke(string endpointName, BinaryData request, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeCoreAsync(endpointName, RequestContent.Create(request), deploymentName, false, cancellationToken).EnsureCompleted();
    }

    /// <summary>Scores the JSON request in a file, as <c>az ml online-endpoint invoke --request-file</c> does.</summary>
    /// <param name="endpointName">The endpoint.</param>
    /// <param name="requestFile">The path of a JSON file with the request body.</param>
    /// <param name="deploymentName">A deployment to send this one call to, or null to follow the traffic split.</param>
    /// <param name="cancellationToken">Cancels the call, including retries.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ScoringException">The scoring service refused the call.</exception>
    public virtual async Task<Response<ScoringResult>> InvokeAsync(string endpointName, string requestFile, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        BinaryData request = BinaryData.FromBytes(await File.ReadAllBytesAsync(RequireFile(requestFile), cancellationToken).ConfigureAwait(false));
        return await InvokeAsync(endpointName, request, deploymentName, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="InvokeAsync(string, string, string, CancellationToken)"/>
    public virtual Response<ScoringResult> Invoke(string endpointName, string requestFile, string? deploymentName = null, CancellationToken cancellationToken = default) =>
        Invoke(endpointName, BinaryData.FromBytes(File.ReadAllBytes(RequireFile(requestFile))), deploymentName, cancellationToken);

    /// <remarks>
    /// Traced inline rather than through <c>MlTracing.TraceAsync</c>, and its state machine pooled: an invoke is a hot
    /// path, and a closure, a delegate and a second async frame per call would show in its allocations.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response<ScoringResult>> InvokeCoreAsync(string endpointName, RequestContent content, string? deploymentName, bool async, CancellationToken cancellationToken)
    {
        using Activity? activity = MlTracing.Start(Client.Rest.TracingEnabled, "OnlineEndpointOperations.Invoke");
        try
        {
            NameRules.ValidateEndpointName(endpointName, nameof(endpointName));
            if (deploymentName is not null)
            {
                NameRules.ValidateDeploymentName(deploymentName, nameof(deploymentName));
            }
            ScoringClient scoring = await ScoringClientAsync(endpointName, async, cancellationToken).ConfigureAwait(false);
            try
            {
                return await scoring.SendAsync(content, deploymentName?.ToLowerInvariant(), async, cancellationToken).ConfigureAwait(false);
            }
            catch (ScoringException ex) when (ex.Status == 404)
            {
                // The endpoint may have been deleted or recreated elsewhere: look it up again next time.
                _scoringClients.TryRemove(endpointName, out _);
                throw;
            }
        }
        catch (Exception ex)
        {
            MlTracing.Fail(activity, ex);
            throw;
        }
    }

    private async ValueTask<ScoringClient> ScoringClientAsync(string endpointName, bool async, CancellationToken cancellationToken)
    {
        if (_scoringClients.TryGetValue(endpointName, out ScoringClient? cached))
        {
            return cached;
        }
        Response<OnlineEndpoint> endpoint = await GetAsyncCore(endpointName, async, cancellationToken).ConfigureAwait(false);
        Uri scoringUri = ScoringUris.EnsureFromService(
            endpoint.Value.ScoringUri ?? throw new InvalidOperationException($"Endpoint '{endpointName}' has no scoring URI yet (provisioning state {endpoint.Value.ProvisioningState})."),
            Client.Rest.Options.ResourceManagerEndpoint, Client.Rest.Options.TrustedScoringDomains);
        var client = new ScoringClient(scoringUri, new EndpointScoringCredential(this, endpointName, endpoint.Value.AuthMode, endpoint.GetRawResponse()), Client.Rest.Options.Scoring);
        return _scoringClients.GetOrAdd(endpointName, client);
    }

    private static string RequireFile(string requestFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestFile);
        return File.Exists(requestFile) ? requestFile : throw new FileNotFoundException($"The request file '{requestFile}' does not exist.", requestFile);
    }
}
