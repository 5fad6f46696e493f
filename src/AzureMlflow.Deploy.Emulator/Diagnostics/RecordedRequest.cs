namespace AzureMlflow.Deploy.Emulator.Diagnostics;

/// <summary>One request the emulator received, as the tests see it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The unescaped path, for example <c>/subscriptions/.../onlineEndpoints/my-ep</c>.</param>
/// <param name="Query">The raw query string including <c>?</c>, or empty.</param>
/// <param name="Headers">Request headers (names case-insensitive).</param>
/// <param name="Body">The request body as text, or empty.</param>
/// <param name="StatusCode">The status code the emulator answered with (0 when the connection was dropped).</param>
/// <param name="ReceivedAt">When the request arrived, by the emulator's <see cref="EmulatorOptions.TimeProvider"/>.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int StatusCode,
    DateTimeOffset ReceivedAt);
