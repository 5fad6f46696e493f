namespace AzureMlflow.Deploy.Emulator.Diagnostics;

/// <summary>One request the emulator received, as the tests see it.</summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, string body, int statusCode, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        StatusCode = statusCode;
        ReceivedAt = receivedAt;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The unescaped path, for example <c>/subscriptions/.../onlineEndpoints/my-ep</c>.</summary>
    public string Path { get; }

    /// <summary>The raw query string including <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>Request headers (names case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The request body as text, or empty.</summary>
    public string Body { get; }

    /// <summary>The status code the emulator answered with (0 when the connection was dropped).</summary>
    public int StatusCode { get; }

    /// <summary>When the request arrived, by the emulator's <see cref="EmulatorOptions.TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The same request with the status it was answered with.</summary>
    internal RecordedRequest WithStatus(int statusCode) => new(Method, Path, Query, Headers, Body, statusCode, ReceivedAt);

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query} -> {StatusCode}";
}
