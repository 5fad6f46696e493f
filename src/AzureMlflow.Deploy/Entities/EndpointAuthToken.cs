using System.Diagnostics;

namespace AzureMlflow.Deploy;

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
