using System.Diagnostics;

namespace AzureMlflow.Deploy;

/// <summary>
/// Credentials for an online endpoint's scoring URI: <see cref="EndpointAuthKeys"/> or <see cref="EndpointAuthToken"/>.
/// Secrets never appear in <see cref="object.ToString"/> nor in the debugger's views (read the properties in code).
/// </summary>
public abstract class EndpointCredentials
{
    /// <summary>Only <see cref="EndpointAuthKeys"/> and <see cref="EndpointAuthToken"/> derive from it; <see cref="MLModelFactory"/> makes them for tests.</summary>
    private protected EndpointCredentials()
    {
    }

    /// <summary>The value to send as <c>Authorization: Bearer ...</c>.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public abstract string BearerValue { get; }
}
