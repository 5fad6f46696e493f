using Azure;
using Azure.Core;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>Produces the bearer value for scoring calls, and a fresh one when the service answers 401.</summary>
internal abstract class ScoringCredential
{
    /// <summary>The bearer value; <paramref name="refresh"/> after a 401 asks for a new one.</summary>
    public abstract ValueTask<string> GetAsync(bool refresh, bool async, CancellationToken cancellationToken);

    /// <summary>Whether a 401 can be cured by asking again (a rotated key, an expired token).</summary>
    public virtual bool CanRefresh => true;
}

/// <summary>An endpoint key held by the caller (rotate it with <c>AzureKeyCredential.Update</c>).</summary>
internal sealed class KeyScoringCredential(AzureKeyCredential key) : ScoringCredential
{
    public override ValueTask<string> GetAsync(bool refresh, bool async, CancellationToken cancellationToken) => new(key.Key);

    public override bool CanRefresh => false;
}

/// <summary>An Azure AD token for the ML data plane scope, cached until shortly before it expires.</summary>
internal sealed class TokenScoringCredential(TokenCredential credential, string scope) : ScoringCredential
{
    private AccessToken _token;

    public override async ValueTask<string> GetAsync(bool refresh, bool async, CancellationToken cancellationToken)
    {
        AccessToken token = _token;
        if (refresh || token.Token is null || token.ExpiresOn <= DateTimeOffset.UtcNow.AddMinutes(5))
        {
            var context = new TokenRequestContext([scope]);
            token = async
                ? await credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false)
                : credential.GetToken(context, cancellationToken);
            _token = token;
        }
        return token.Token;
    }
}

/// <summary>
/// The credential of an online endpoint, read through ARM per its auth mode: the primary key (cached; re-read after a
/// 401, so a rotated key recovers), or an AML token (renewed before it expires or after a 401). The first read uses
/// the auth mode of the endpoint read that found the scoring URI; later ones read the endpoint again, as its auth mode
/// may have changed.
/// </summary>
internal sealed class EndpointScoringCredential(OnlineEndpointOperations endpoints, string endpointName, EndpointAuthMode knownMode, Response knownFrom) : ScoringCredential
{
    private EndpointCredentials? _current;
    private bool _modeUsed;

    public override async ValueTask<string> GetAsync(bool refresh, bool async, CancellationToken cancellationToken)
    {
        EndpointCredentials? current = _current;
        bool stale = current is EndpointAuthToken token && (token.RefreshAfter ?? token.ExpiresOn.AddMinutes(-5)) <= DateTimeOffset.UtcNow;
        if (refresh || current is null || stale)
        {
            current = !_modeUsed && !refresh
                ? (await endpoints.CredentialsCoreAsync(endpointName, knownMode, knownFrom, async, cancellationToken).ConfigureAwait(false)).Value
                : (await endpoints.GetKeysCoreAsync(endpointName, async, cancellationToken).ConfigureAwait(false)).Value;
            _modeUsed = true;
            _current = current;
        }
        return current.BearerValue;
    }
}
