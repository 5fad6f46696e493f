namespace AzureMlflow.Deploy.Emulator.Faults;

/// <summary>
/// A fault applied to the next <see cref="Count"/> requests that match <see cref="Method"/>, <see cref="PathContains"/>,
/// <see cref="PathEndsWith"/> and <see cref="UserAgentContains"/>.
/// </summary>
public sealed class FaultRule
{
    /// <summary>The HTTP method to match (case-insensitive), or null for any.</summary>
    public string? Method { get; init; }

    /// <summary>A case-insensitive substring of the request path to match, or null for any path.</summary>
    public string? PathContains { get; init; }

    /// <summary>A case-insensitive suffix the request path must end with, or null for any path.</summary>
    public string? PathEndsWith { get; init; }

    /// <summary>
    /// A case-insensitive substring of the <c>User-Agent</c> header to match, or null for any client. Azure SDK clients put
    /// their <c>Diagnostics.ApplicationId</c> there, so a fault can hit one client's requests only (for tests that run
    /// side by side against one emulator).
    /// </summary>
    public string? UserAgentContains { get; init; }

    /// <summary>How many matching requests the fault applies to.</summary>
    public int Count { get; init; } = 1;

    /// <summary>What the fault does.</summary>
    public FaultKind Kind { get; init; } = FaultKind.Status;

    /// <summary>The status code answered by a <see cref="FaultKind.Status"/> fault (503 by default).</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>When set, a <see cref="FaultKind.Status"/> fault sends <c>Retry-After</c> with this value.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Send <see cref="RetryAfter"/> as an HTTP date (rounded up to the next whole second) instead of seconds.</summary>
    public bool RetryAfterAsHttpDate { get; init; }

    /// <summary>How long a <see cref="FaultKind.Delay"/> fault waits.</summary>
    public TimeSpan Delay { get; init; }

    internal bool Matches(string method, string path, string userAgent) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (UserAgentContains is null || userAgent.Contains(UserAgentContains, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase))
        && (PathEndsWith is null || path.EndsWith(PathEndsWith, StringComparison.OrdinalIgnoreCase));
}
