using System.Text.Json;
using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy.Lro;

/// <summary>
/// The polling state machine behind every long-running operation. It follows <c>Azure-AsyncOperation</c> (the operation
/// status resource), falls back to <c>Location</c>, and finally to the resource's own <c>provisioningState</c>. When a
/// create or update succeeds, the final state is a GET of the resource. Waiting itself (and <c>Retry-After</c>) is left to
/// Azure.Core's <see cref="Operation{T}"/> poller, which calls <see cref="UpdateStatusAsync"/>.
/// </summary>
internal sealed class LroCore
{
    private readonly ArmRestClient _client;
    private readonly LroStateData _state;
    private Response? _rawResponse;
    private RequestFailedException? _failure;

    private LroCore(ArmRestClient client, LroStateData state, Response? rawResponse)
    {
        _client = client;
        _state = state;
        _rawResponse = rawResponse;
    }

    /// <summary>An opaque id from which <see cref="Rehydrate"/> rebuilds the operation in another process.</summary>
    public string Id => Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(_state, WireJsonContext.Default.LroStateData));

    public bool HasCompleted { get; private set; }

    /// <summary>The response holding the final resource, once a create or update has succeeded.</summary>
    public Response? FinalResource { get; private set; }

    public Uri ResourceUri => new(_state.ResourceUri!);

    public ArmRestClient Client => _client;

    public TimeSpan PollingInterval => _client.Options.PollingInterval;

    public Response RawResponse => _rawResponse ?? throw new InvalidOperationException("The operation was rehydrated and has not been polled yet; call UpdateStatus first.");

    /// <summary>Starts tracking an operation from the service's first answer to a PUT, DELETE or POST.</summary>
    public static LroCore Start(ArmRestClient client, RequestMethod method, Uri resourceUri, Response initial, string description, string? failureHint = null)
    {
        var state = new LroStateData
        {
            Method = method.Method,
            ResourceUri = resourceUri.AbsoluteUri,
            AsyncOperationUri = Header(initial, "Azure-AsyncOperation"),
            LocationUri = Header(initial, "Location"),
            Description = description,
            FailureHint = failureHint,
        };
        var core = new LroCore(client, state, initial);
        bool tracked = state.AsyncOperationUri is not null || (state.LocationUri is not null && !IsPut(state));
        if (!tracked)
        {
            if (IsPut(state))
            {
                // No operation to follow: the body's provisioningState says whether the resource is ready.
                string? provisioning = ReadProvisioningState(initial);
                if (provisioning is null || IsSucceeded(provisioning))
                {
                    core.Complete(initial);
                }
                else if (IsFailed(provisioning))
                {
                    core.Fail(initial, new ErrorDetailData { Code = provisioning, Message = $"The resource is in state {provisioning}." });
                }
            }
            else if (method != RequestMethod.Delete || initial.Status != 202)
            {
                // A POST with nothing to follow, or a delete that is already done (200/204). A 202 delete without
                // headers goes on: the resource is read until it is gone.
                core.Complete(initial);
            }
        }
        return core;
    }

    /// <summary>
    /// Sends the request that starts an operation and tracks it. When a retry of that request is refused with 409
    /// Conflict after an unanswered attempt (see <see cref="UnansweredAttemptPolicy"/>), that attempt started the
    /// operation: a create, update or delete is followed through the resource (its provisioning state, or a 404) instead
    /// of failing a call whose work is in fact under way; an action (POST) fails with a message that says so.
    /// </summary>
    public static async ValueTask<LroCore> BeginAsync(
        ArmRestClient client, RequestMethod method, Uri uri, RequestContent? content, bool async, CancellationToken cancellationToken,
        string description, string? failureHint = null)
    {
        (Response initial, bool alreadyStarted) = await client.StartOperationAsync(method, uri, content, async, cancellationToken).ConfigureAwait(false);
        if (!alreadyStarted)
        {
            return Start(client, method, uri, initial, description, failureHint);
        }
        if (method == RequestMethod.Post)
        {
            // An action leaves no state on the resource to follow: say what probably happened instead of guessing.
            var conflict = new RequestFailedException(initial);
            throw new RequestFailedException(409,
                $"{description}: an earlier attempt of this request got no answer and has probably started it; the service now reports: " +
                $"{conflict.Message.Split('\n')[0]} Check the result before asking again.", conflict.ErrorCode, conflict);
        }
        var state = new LroStateData { Method = method.Method, ResourceUri = uri.AbsoluteUri, Description = description, FailureHint = failureHint };
        return new LroCore(client, state, initial);
    }

    /// <summary>Rebuilds an operation from <see cref="Id"/>.</summary>
    public static LroCore Rehydrate(ArmRestClient client, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        LroStateData? state;
        try
        {
            state = JsonSerializer.Deserialize(Base64UrlDecode(id), WireJsonContext.Default.LroStateData);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The operation id is not one this client issued.", nameof(id), ex);
        }
        if (state?.Method is null || state.ResourceUri is null || state.V != 1)
        {
            throw new ArgumentException("The operation id is not one this client issued.", nameof(id));
        }
        return new LroCore(client, state, null);
    }

    /// <summary>Polls once. Throws <see cref="RequestFailedException"/> when the operation failed or was canceled.</summary>
    public async ValueTask<Response> UpdateStatusAsync(bool async, CancellationToken cancellationToken)
    {
        if (_failure is not null)
        {
            throw _failure;
        }
        if (HasCompleted)
        {
            return _rawResponse!;
        }
        if (_state.AsyncOperationUri is { } statusUri)
        {
            Response response = await GetAsync(new Uri(statusUri), async, cancellationToken).ConfigureAwait(false);
            _rawResponse = response;
            OperationStatusData status = ArmRestClient.Read(response, WireJsonContext.Default.OperationStatusData);
            if (IsSucceeded(status.Status))
            {
                await CompleteAfterSuccessAsync(response, async, cancellationToken).ConfigureAwait(false);
            }
            else if (IsFailed(status.Status))
            {
                Fail(response, status.Error ?? new ErrorDetailData { Code = status.Status, Message = $"The operation ended with status {status.Status}." });
            }
        }
        else if (_state.LocationUri is { } location && !IsPut(_state))
        {
            Response response = await GetAsync(new Uri(location), async, cancellationToken).ConfigureAwait(false);
            _rawResponse = response;
            if (response.Status != 202)
            {
                await CompleteAfterSuccessAsync(response, async, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await PollResourceAsync(async, cancellationToken).ConfigureAwait(false);
        }
        return _rawResponse!;
    }

    private async ValueTask PollResourceAsync(bool async, CancellationToken cancellationToken)
    {
        using HttpMessage message = _client.CreateMessage(RequestMethod.Get, ResourceUri);
        if (async)
        {
            await _client.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _client.Pipeline.Send(message, cancellationToken);
        }
        Response response = message.Response;
        _rawResponse = response;
        if (!IsPut(_state) && response.Status == 404)
        {
            Complete(response);
            return;
        }
        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }
        string? provisioning = ReadProvisioningState(response);
        if (IsSucceeded(provisioning) && IsPut(_state))
        {
            Complete(response);
        }
        else if (IsFailed(provisioning))
        {
            Fail(response, new ErrorDetailData { Code = provisioning, Message = $"The resource is in state {provisioning}." });
        }
    }

    private async ValueTask CompleteAfterSuccessAsync(Response statusResponse, bool async, CancellationToken cancellationToken)
    {
        if (IsPut(_state))
        {
            Response resource = await GetAsync(ResourceUri, async, cancellationToken).ConfigureAwait(false);
            _rawResponse = resource;
            Complete(resource);
        }
        else
        {
            Complete(statusResponse);
        }
    }

    private void Complete(Response response)
    {
        HasCompleted = true;
        _rawResponse = response;
        if (IsPut(_state))
        {
            FinalResource = response;
        }
    }

    private void Fail(Response response, ErrorDetailData error)
    {
        HasCompleted = true;
        _rawResponse = response;
        string details = error.Details is { Count: > 0 }
            ? " Details: " + string.Join("; ", error.Details.Select(d => $"{d.Code}: {d.Message}"))
            : string.Empty;
        string message = $"{_state.Description} failed. {error.Code}: {error.Message}{details}";
        if (_state.FailureHint is not null)
        {
            message += " " + _state.FailureHint;
        }
        // As for other errors (ServiceErrorParser): the specific code of the first detail, when the service gives one.
        string? code = error.Details?.FirstOrDefault(d => !string.IsNullOrEmpty(d.Code))?.Code ?? error.Code;
        _failure = new RequestFailedException(response.Status, message, code, null);
        throw _failure;
    }

    private async ValueTask<Response> GetAsync(Uri uri, bool async, CancellationToken cancellationToken)
    {
        using HttpMessage message = _client.CreateMessage(RequestMethod.Get, uri);
        return await _client.SendAsync(message, async, cancellationToken).ConfigureAwait(false);
    }

    private static string? ReadProvisioningState(Response response)
    {
        if (response.Content.ToMemory().IsEmpty)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(response.Content.ToMemory().Span, WireJsonContext.Default.ProvisioningStateProbeData)?.Properties?.ProvisioningState;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        string base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private static string? Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value : null;

    private static bool IsPut(LroStateData state) => string.Equals(state.Method, RequestMethod.Put.Method, StringComparison.OrdinalIgnoreCase);

    private static bool IsSucceeded(string? status) => string.Equals(status, "Succeeded", StringComparison.OrdinalIgnoreCase);

    private static bool IsFailed(string? status) =>
        status is not null && (status.Equals("Failed", StringComparison.OrdinalIgnoreCase)
            || status.Equals("Canceled", StringComparison.OrdinalIgnoreCase)
            || status.Equals("Cancelled", StringComparison.OrdinalIgnoreCase));
}
