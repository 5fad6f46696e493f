using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy.Core;

/// <summary>
/// Sends ARM requests for one workspace through the client's Azure.Core pipeline (auth, retries, logging) and turns
/// error responses into <see cref="RequestFailedException"/>. Shared by every operation group.
/// </summary>
internal sealed class ArmRestClient
{
    private readonly HttpPipeline _secretPipeline;

    public ArmRestClient(HttpPipeline pipeline, HttpPipeline secretPipeline, MLClientOptions options, string subscriptionId, string resourceGroupName, string workspaceName)
    {
        Pipeline = pipeline;
        _secretPipeline = secretPipeline;
        Options = options;
        SubscriptionId = subscriptionId;
        ResourceGroupName = resourceGroupName;
        WorkspaceName = workspaceName;
        WorkspaceResourceId = ResourceIds.Workspace(subscriptionId, resourceGroupName, workspaceName);
    }

    public HttpPipeline Pipeline { get; }
    public MLClientOptions Options { get; }
    public string SubscriptionId { get; }
    public string ResourceGroupName { get; }
    public string WorkspaceName { get; }

    /// <summary><c>/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}</c>.</summary>
    public string WorkspaceResourceId { get; }

    /// <summary>The URI of a path under the workspace (<paramref name="relativePath"/> already escaped), with api-version and extra query.</summary>
    public Uri WorkspaceUri(string relativePath, string? extraQuery = null) =>
        ArmUri(WorkspaceResourceId + relativePath, extraQuery);

    /// <summary>The URI of an ARM resource id (or any ARM path), with api-version and extra query.</summary>
    public Uri ArmUri(string path, string? extraQuery = null)
    {
        var builder = new RequestUriBuilder();
        builder.Reset(Options.ResourceManagerEndpoint);
        builder.AppendPath(path, escape: false);
        builder.AppendQuery("api-version", Options.Version, escapeValue: true);
        if (!string.IsNullOrEmpty(extraQuery))
        {
            foreach (string pair in extraQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                builder.AppendQuery(pair[..eq], pair[(eq + 1)..], escapeValue: false);
            }
        }
        return builder.ToUri();
    }

    public HttpMessage CreateMessage(RequestMethod method, Uri uri, RequestContent? content = null)
    {
        HttpMessage message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Accept", "application/json");
        if (content is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = content;
        }
        return message;
    }

    /// <summary>
    /// Sends the message and throws <see cref="RequestFailedException"/> (with the ARM error code) on any error status.
    /// <paramref name="secretResponse"/> sends it through the pipeline that never logs bodies (listKeys, token, listSecrets).
    /// </summary>
    public async ValueTask<Response> SendAsync(HttpMessage message, bool async, CancellationToken cancellationToken, bool secretResponse = false)
    {
        await TransmitAsync(message, async, cancellationToken, secretResponse).ConfigureAwait(false);
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
        return message.Response;
    }

    /// <summary>Sends a request and deserializes the JSON body.</summary>
    public async ValueTask<Response<T>> SendAsync<T>(RequestMethod method, Uri uri, RequestContent? content, JsonTypeInfo<T> typeInfo, bool async, CancellationToken cancellationToken, bool secretResponse = false)
    {
        using HttpMessage message = CreateMessage(method, uri, content);
        Response response = await SendAsync(message, async, cancellationToken, secretResponse).ConfigureAwait(false);
        return Response.FromValue(Read(response, typeInfo), response);
    }

    /// <summary>
    /// Sends the request that starts a long-running operation. Returns <c>AlreadyStarted</c> (and the 409 response) when
    /// the service refused it with 409 Conflict after an earlier attempt of this same request went unanswered: that
    /// attempt got through and its operation is the one in progress, so the caller follows the resource instead.
    /// </summary>
    public async ValueTask<(Response Response, bool AlreadyStarted)> StartOperationAsync(RequestMethod method, Uri uri, RequestContent? content, bool async, CancellationToken cancellationToken)
    {
        using HttpMessage message = CreateMessage(method, uri, content);
        await TransmitAsync(message, async, cancellationToken, secretResponse: false).ConfigureAwait(false);
        if (message.Response.Status == 409 && UnansweredAttemptPolicy.HadUnansweredAttempt(message))
        {
            return (message.Response, true);
        }
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
        return (message.Response, false);
    }

    /// <summary>Sends through the pipeline (the one that never logs bodies for <paramref name="secretResponse"/>), without judging the status.</summary>
    private async ValueTask TransmitAsync(HttpMessage message, bool async, CancellationToken cancellationToken, bool secretResponse)
    {
        HttpPipeline pipeline = secretResponse ? _secretPipeline : Pipeline;
        if (async)
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            pipeline.Send(message, cancellationToken);
        }
    }

    /// <summary>Sends a request whose response body is not needed.</summary>
    public async ValueTask<Response> SendAsync(RequestMethod method, Uri uri, RequestContent? content, bool async, CancellationToken cancellationToken)
    {
        using HttpMessage message = CreateMessage(method, uri, content);
        return await SendAsync(message, async, cancellationToken).ConfigureAwait(false);
    }

    public static RequestContent Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    public static T Read<T>(Response response, JsonTypeInfo<T> typeInfo)
    {
        ReadOnlyMemory<byte> body = response.Content.ToMemory();
        try
        {
            return JsonSerializer.Deserialize(body.Span, typeInfo)
                ?? throw new RequestFailedException(response.Status, $"The service returned an empty {typeof(T).Name} body.");
        }
        catch (JsonException ex)
        {
            throw new RequestFailedException(response.Status, $"The service returned a body that is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The newest version of a versioned asset (a model, an environment): "latest" is the most recently created, as the
    /// service and the Python SDK define it, read with one list call.
    /// </summary>
    /// <param name="assetPath">The asset container's path, such as <c>/models/{name}</c>.</param>
    /// <param name="typeInfo">The list's wire type.</param>
    /// <param name="what">The asset as messages name it, such as <c>Model 'diabetes'</c>.</param>
    /// <param name="notFoundCode">The error code when the asset has no version.</param>
    /// <param name="async">Whether to send asynchronously.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async ValueTask<Response<TData>> NewestVersionAsync<TData>(
        string assetPath, JsonTypeInfo<Wire.ResourceList<TData>> typeInfo, string what, string notFoundCode, bool async, CancellationToken cancellationToken)
        where TData : class
    {
        Response<Wire.ResourceList<TData>> latest = await SendAsync(
            RequestMethod.Get, WorkspaceUri(assetPath + "/versions", "$orderBy=createdtime%20desc&$top=1"), null, typeInfo, async, cancellationToken).ConfigureAwait(false);
        TData newest = latest.Value.Value?.FirstOrDefault()
            ?? throw new RequestFailedException(404, $"{what} has no versions in workspace '{WorkspaceName}'.", notFoundCode, null);
        return Response.FromValue(newest, latest.GetRawResponse());
    }

    /// <summary>Whether the operation spans are emitted (<c>Diagnostics.IsDistributedTracingEnabled</c>, as Azure.Core honours it for its HTTP spans).</summary>
    public bool TracingEnabled => Options.Diagnostics.IsDistributedTracingEnabled;

    /// <summary>A pageable over an ARM list that follows <c>nextLink</c>; each page is a span named <paramref name="operationName"/>.</summary>
    public ArmPageable<T> Pageable<TData, T>(string operationName, Uri firstPage, JsonTypeInfo<Wire.ResourceList<TData>> typeInfo, Func<TData, T> map, CancellationToken cancellationToken)
        where T : notnull =>
        new((continuation, async, ct) => Diagnostics.MlTracing.TraceAsync(TracingEnabled, operationName, async () =>
        {
            Uri uri = continuation is null ? firstPage : new Uri(continuation);
            Response<Wire.ResourceList<TData>> page = await SendAsync(RequestMethod.Get, uri, null, typeInfo, async, ct).ConfigureAwait(false);
            var values = (page.Value.Value ?? []).Select(map).ToList();
            return Page<T>.FromValues(values, string.IsNullOrEmpty(page.Value.NextLink) ? null : page.Value.NextLink, page.GetRawResponse());
        }), cancellationToken);
}
