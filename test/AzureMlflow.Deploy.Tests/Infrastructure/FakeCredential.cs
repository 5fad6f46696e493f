using Azure.Core;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>A <see cref="TokenCredential"/> that hands out a fixed token and counts how often it was asked.</summary>
internal sealed class FakeCredential(string token = "fake-arm-token") : TokenCredential
{
    private int _requests;

    public int Requests => _requests;

    public List<string[]> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (Scopes)
        {
            Scopes.Add(requestContext.Scopes);
        }
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
