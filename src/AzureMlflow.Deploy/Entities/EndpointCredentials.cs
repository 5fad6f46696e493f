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

/// <summary>The keys of a <see cref="EndpointAuthMode.Key"/> endpoint.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public class EndpointAuthKeys : EndpointCredentials
{
    /// <summary>Creates a key pair.</summary>
    /// <param name="primaryKey">The primary key.</param>
    /// <param name="secondaryKey">The secondary key.</param>
    internal EndpointAuthKeys(string primaryKey, string secondaryKey)
    {
        PrimaryKey = primaryKey;
        SecondaryKey = secondaryKey;
    }

    /// <summary>The primary key.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string PrimaryKey { get; }

    /// <summary>The secondary key.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string SecondaryKey { get; }

    /// <summary>The primary key.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public override string BearerValue => PrimaryKey;

    /// <summary>A description without the keys.</summary>
    public override string ToString() => "EndpointAuthKeys (primary and secondary key, values hidden)";
}

/// <summary>A token of an <see cref="EndpointAuthMode.AmlToken"/> or <see cref="EndpointAuthMode.AadToken"/> endpoint.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public class EndpointAuthToken : EndpointCredentials
{
    /// <summary>Creates a token.</summary>
    /// <param name="accessToken">The token.</param>
    /// <param name="expiresOn">When it expires.</param>
    /// <param name="refreshAfter">When it should be refreshed, if the service says.</param>
    /// <param name="tokenType">The token type, usually <c>Bearer</c>.</param>
    internal EndpointAuthToken(string accessToken, DateTimeOffset expiresOn, DateTimeOffset? refreshAfter = null, string tokenType = "Bearer")
    {
        AccessToken = accessToken;
        ExpiresOn = expiresOn;
        RefreshAfter = refreshAfter;
        TokenType = tokenType;
    }

    /// <summary>The token.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string AccessToken { get; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>When the token should be refreshed, if the service says.</summary>
    public DateTimeOffset? RefreshAfter { get; }

    /// <summary>The token type, usually <c>Bearer</c>.</summary>
    public string TokenType { get; }

    /// <summary>The token.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public override string BearerValue => AccessToken;

    /// <summary>A description without the token.</summary>
    public override string ToString() => $"EndpointAuthToken ({TokenType}, expires {ExpiresOn:u}, value hidden)";
}
