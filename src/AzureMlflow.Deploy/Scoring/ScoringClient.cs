using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Scoring;
using Polly;
using Polly.Timeout;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

/// <summary>
/// Calls one scoring URI with a key or token, for apps that only score (no ARM access needed). One instance keeps one
/// pooled connection pipeline; share it. Transient failures are retried per <see cref="ScoringClientOptions"/>.
/// </summary>
public class ScoringClient
{
    private const string DeploymentHeader = "azureml-model-deployment";
    private readonly Uri? _scoringUri;
    private readonly ScoringCredential? _credential;
    private readonly HttpPipeline? _pipeline;
    private readonly ScoringResilience? _resilience;
    private readonly PayloadFormat _format;
    private readonly TimeSpan _attemptTimeout;
    private AuthorizationValue? _authorization;

    /// <summary>For mocking.</summary>
    protected ScoringClient()
    {
    }

    /// <summary>A client for an endpoint with key authentication (rotate the key with <c>AzureKeyCredential.Update</c>).</summary>
    /// <param name="scoringUri">The endpoint's scoring URI.</param>
    /// <param name="key">The endpoint key.</param>
    /// <param name="options">Transport, format and resilience options.</param>
    public ScoringClient(Uri scoringUri, AzureKeyCredential key, ScoringClientOptions? options = null)
        : this(scoringUri, new KeyScoringCredential(key ?? throw new ArgumentNullException(nameof(key))), options ?? new ScoringClientOptions())
    {
    }

    /// <summary>A client for an endpoint with Azure AD token authentication (scope <see cref="ScoringClientOptions.AuthenticationScope"/>).</summary>
    /// <param name="scoringUri">The endpoint's scoring URI.</param>
    /// <param name="credential">The Azure AD credential.</param>
    /// <param name="options">Transport, format and resilience options.</param>
    public ScoringClient(Uri scoringUri, TokenCredential credential, ScoringClientOptions? options = null)
        : this(scoringUri, CreateTokenCredential(credential, options ??= new ScoringClientOptions()), options)
    {
    }

    /// <summary>
    /// A client from a connection string that names one endpoint: <c>ScoringUri=...</c>, with <c>Key=...</c> for key
    /// authentication (without it, <paramref name="credential"/> signs in with Azure AD) and <c>CertificateHash=...</c>
    /// for the workspace emulator's self-signed certificate. A connection string with a key is a secret: keep it where
    /// keys are kept.
    /// </summary>
    /// <param name="connectionString">The connection string; keys are case-insensitive, unknown keys are refused.</param>
    /// <param name="credential">The Azure AD credential, used when the connection string has no key.</param>
    /// <param name="options">Client options; <c>Transport</c> comes from the connection string unless set.</param>
    /// <exception cref="ArgumentException">The connection string lacks the scoring URI, has an unknown key, or a value is malformed.</exception>
    /// <exception cref="ArgumentNullException">The connection string has no key and <paramref name="credential"/> is null.</exception>
    public static ScoringClient FromConnectionString(string connectionString, TokenCredential? credential = null, ScoringClientOptions? options = null)
    {
        var parts = new Configuration.ConnectionStringParts(connectionString, "scoring", "ScoringUri", "Key", "CertificateHash");
        Uri scoringUri = parts.OptionalUri("ScoringUri") ?? throw new ArgumentException("The scoring connection string has no ScoringUri.", nameof(connectionString));
        options ??= new ScoringClientOptions();
        Configuration.PinnedCertificateTransport.ApplyTo(options, parts.Optional("CertificateHash"));
        return parts.Optional("Key") is { } key
            ? new ScoringClient(scoringUri, new AzureKeyCredential(key), options)
            : new ScoringClient(scoringUri, credential ?? throw new ArgumentNullException(nameof(credential), "The scoring connection string has no Key: pass a credential for Azure AD authentication."), options);
    }

    internal ScoringClient(Uri scoringUri, ScoringCredential credential, ScoringClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(scoringUri);
        ScoringUris.EnsureSafe(scoringUri);
        _scoringUri = scoringUri;
        _credential = credential;
        _format = options.Format;
        _attemptTimeout = options.AttemptTimeout;
        _pipeline = HttpPipelineBuilder.Build(options);
        _resilience = ScoringResilience.Create(options);
    }

    /// <summary>The scoring URI this client calls.</summary>
    public virtual Uri ScoringUri => _scoringUri ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>The scoring URI this client calls (never the key or token).</summary>
    public override string ToString() => _scoringUri is null ? "ScoringClient (mock)" : $"ScoringClient for {_scoringUri}";

    /// <summary>Scores a payload.</summary>
    /// <param name="payload">The request.</param>
    /// <param name="deploymentName">A deployment to send this call to (the <c>azureml-model-deployment</c> header), bypassing the traffic split; null to follow it.</param>
    /// <param name="cancellationToken">Cancels the call, including retries.</param>
    /// <exception cref="ScoringException">The service refused the call; the message is the service's, with the request id.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ScoringClientOptions.AttemptTimeout"/> (after the retries) or <see cref="ScoringClientOptions.OverallTimeout"/>.</exception>
    public virtual async Task<Response<ScoringResult>> ScoreAsync(ScoringPayload payload, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return await SendAsync(new PayloadRequestContent(payload, _format), deploymentName, true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ScoreAsync(ScoringPayload, string, CancellationToken)"/>
    public virtual Response<ScoringResult> Score(ScoringPayload payload, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return SendAsync(new PayloadRequestContent(payload, _format), deploymentName, false, cancellationToken).EnsureCompleted();
    }

    /// <summary>Scores a request body given as JSON bytes.</summary>
    /// <param name="body">The JSON request body.</param>
    /// <param name="deploymentName">A deployment to send this call to, or null to follow the traffic split.</param>
    /// <param name="cancellationToken">Cancels the call, including retries.</param>
    /// <exception cref="ScoringException">The service refused the call.</exception>
    /// <exception cref="TimeoutException">No answer within the attempt or overall timeout.</exception>
    public virtual async Task<Response<ScoringResult>> ScoreAsync(BinaryData body, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return await SendAsync(RequestContent.Create(body), deploymentName, true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ScoreAsync(BinaryData, string, CancellationToken)"/>
    public virtual Response<ScoringResult> Score(BinaryData body, string? deploymentName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SendAsync(RequestContent.Create(body), deploymentName, false, cancellationToken).EnsureCompleted();
    }

    internal ValueTask<Response<ScoringResult>> SendAsync(RequestContent content, string? deploymentName, bool async, CancellationToken cancellationToken) =>
        SendAsync(new ScoringRequest(RequestMethod.Post, content, deploymentName, null), async, cancellationToken);

    /// <summary>Sends a request to the scoring URI with the credential (refreshed once after a 401) through the resilience pipeline.</summary>
    /// <remarks>The state machines of this hot path come from a pool (each call awaits its task once), so a call allocates little beyond the HTTP exchange itself.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<Response<ScoringResult>> SendAsync(ScoringRequest request, bool async, CancellationToken cancellationToken)
    {
        if (request.DeploymentName is not null)
        {
            Validation.NameRules.ValidateDeploymentName(request.DeploymentName, "deploymentName");
        }
        try
        {
            string bearer = await _credential!.GetAsync(refresh: false, async, cancellationToken).ConfigureAwait(false);
            using Response response = await ExecuteAsync(request, bearer, async, cancellationToken).ConfigureAwait(false);
            if (response.Status == 401 && _credential.CanRefresh)
            {
                // A rotated key or an expired token: read the credential again, once.
                response.Dispose();
                bearer = await _credential.GetAsync(refresh: true, async, cancellationToken).ConfigureAwait(false);
                using Response retried = await ExecuteAsync(request, bearer, async, cancellationToken).ConfigureAwait(false);
                return ToResult(retried, request.DeploymentName);
            }
            return ToResult(response, request.DeploymentName);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                $"Scoring at {_scoringUri!.GetLeftPart(UriPartial.Path)} got no answer within the overall timeout of {ex.Timeout.TotalMilliseconds:0} ms " +
                "(ScoringClientOptions.OverallTimeout).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Scoring at {_scoringUri!.GetLeftPart(UriPartial.Path)} got no answer within the attempt timeout of {_attemptTimeout.TotalMilliseconds:0} ms " +
                "on its last attempt (ScoringClientOptions.AttemptTimeout; MaxRetries sets the number of attempts).", ex);
        }
    }

    /// <summary>
    /// Runs the attempts of one call. The first attempt goes straight out; Polly's pipeline takes over only when it
    /// failed transiently, and is handed that first outcome as its own first attempt (so the retry count and the
    /// <c>Retry-After</c> of that answer hold). A call that succeeds thus pays nothing for retries it did not need.
    /// With an overall timeout or a circuit breaker, which must see every attempt, Polly runs them all.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> ExecuteAsync(ScoringRequest request, string bearer, bool async, CancellationToken cancellationToken)
    {
        Outcome<Response>? first = null;
        if (!_resilience!.SeesEveryAttempt)
        {
            Outcome<Response> outcome = await SendOnceOutcomeAsync(request, bearer, async, cancellationToken).ConfigureAwait(false);
            if (!ScoringResilience.IsTransient(outcome, cancellationToken))
            {
                return Unwrap(outcome);
            }
            first = outcome;
        }
        var attempts = new Attempts(this, request, bearer, first);
        if (!async)
        {
            return _resilience.Pipeline.Execute(static (attempts, token) => Unwrap(attempts.NextAsync(false, token).EnsureCompleted()), attempts, cancellationToken);
        }
        // ExecuteOutcomeAsync with a pooled context: exceptions travel as outcomes instead of being thrown at every strategy.
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            Outcome<Response> outcome = await _resilience.Pipeline.ExecuteOutcomeAsync(
                static (context, attempts) => attempts.NextAsync(true, context.CancellationToken), context, attempts).ConfigureAwait(false);
            return Unwrap(outcome);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The response of an outcome, or its exception rethrown with its original stack.</summary>
    private static Response Unwrap(Outcome<Response> outcome)
    {
        outcome.ThrowIfException();
        return outcome.Result!;
    }

    /// <summary>The attempts Polly makes for one call: the first may be one already made (its outcome is replayed).</summary>
    private sealed class Attempts(ScoringClient client, ScoringRequest request, string bearer, Outcome<Response>? first)
    {
        private Outcome<Response>? _first = first;

        public ValueTask<Outcome<Response>> NextAsync(bool async, CancellationToken cancellationToken)
        {
            if (_first is { } replayed)
            {
                _first = null;
                return new ValueTask<Outcome<Response>>(replayed);
            }
            return client.SendOnceOutcomeAsync(request, bearer, async, cancellationToken);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Outcome<Response>> SendOnceOutcomeAsync(ScoringRequest request, string bearer, bool async, CancellationToken cancellationToken)
    {
        try
        {
            return Outcome.FromResult(await SendOnceAsync(request, bearer, async, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            return Outcome.FromException<Response>(ex);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Response> SendOnceAsync(ScoringRequest scoring, string bearer, bool async, CancellationToken cancellationToken)
    {
        // Not disposed here: the response it holds (buffered) is returned and disposed by the caller.
        HttpMessage message = _pipeline!.CreateMessage();
        Request request = message.Request;
        request.Method = scoring.Method;
        request.Uri.Reset(scoring.NextLink ?? _scoringUri!);
        request.Headers.Add(HttpHeader.Names.Authorization, AuthorizationHeader(bearer));
        if (scoring.DeploymentName is not null)
        {
            request.Headers.Add(DeploymentHeader, scoring.DeploymentName);
        }
        if (scoring.Headers is { } headers)
        {
            foreach ((string name, string value) in headers)
            {
                request.Headers.Add(name, value);
            }
        }
        if (scoring.Content is not null)
        {
            request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
            request.Content = scoring.Content;
        }
        if (async)
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _pipeline.Send(message, cancellationToken);
        }
        return message.Response;
    }

    /// <summary><c>Bearer {value}</c>, built once per key or token rather than per call (swapped as one reference, so never torn).</summary>
    private string AuthorizationHeader(string bearer)
    {
        AuthorizationValue? cached = Volatile.Read(ref _authorization);
        if (cached is not null && string.Equals(cached.Bearer, bearer, StringComparison.Ordinal))
        {
            return cached.Header;
        }
        var value = new AuthorizationValue(bearer, "Bearer " + bearer);
        Volatile.Write(ref _authorization, value);
        return value.Header;
    }

    private sealed record AuthorizationValue(string Bearer, string Header);

    private Response<ScoringResult> ToResult(Response response, string? deploymentName)
    {
        string? requestId = Header(response, "x-request-id") ?? Header(response, "x-ms-request-id");
        string? servedBy = Header(response, DeploymentHeader) ?? deploymentName;
        if (response.Status is >= 200 and < 300)
        {
            return Response.FromValue(new ScoringResult(response.Content, response.Status, servedBy, requestId), response);
        }
        (string? code, string detail) = ErrorOf(response);
        string target = deploymentName is null ? $"endpoint {_scoringUri!.Host}" : $"deployment '{deploymentName}' of endpoint {_scoringUri!.Host}";
        throw new ScoringException(response.Status,
            $"Scoring failed with {response.Status} ({response.ReasonPhrase}) at {target}: {detail}" + (requestId is null ? "" : $" Request id: {requestId}."),
            code, requestId);
    }

    /// <summary>The service's message from <c>{"message"}</c>, <c>{"error_code", "message"}</c>, <c>{"error": {"code", "message"}}</c> or plain text.</summary>
    private static (string? Code, string Message) ErrorOf(Response response)
    {
        string text = response.Content.ToString();
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                JsonElement error = root.TryGetProperty("error", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
                string? message = error.TryGetProperty("message", out JsonElement m) ? m.ToString() : null;
                string? code = error.TryGetProperty("error_code", out JsonElement c) ? c.ToString() : error.TryGetProperty("code", out c) ? c.ToString() : null;
                if (message is not null)
                {
                    return (code, message);
                }
            }
        }
        catch (JsonException)
        {
        }
        return (null, text.Length == 0 ? "(no message)" : text.Length > 2000 ? text[..2000] + "..." : text);
    }

    private static string? Header(Response response, string name) => response.Headers.TryGetValue(name, out string? value) ? value : null;

    private static ScoringCredential CreateTokenCredential(TokenCredential credential, ScoringClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new TokenScoringCredential(credential, options.AuthenticationScope);
    }
}
