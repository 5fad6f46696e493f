using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>MLClientOptions.Scoring.AuthenticationScope is the one scope of scoring tokens on the MLClient path too.</summary>
public sealed class ScoringScopeTests : EmulatorTestBase
{
    [Test]
    public async Task TheScoringScopeIsTheOneTokensAreAskedForOnAnEntraEndpoint()
    {
        var credential = new FakeCredential();
        MLClientOptions options = EmulatorClients.Options(Emulator);
        options.Scoring.AuthenticationScope = "https://ml.example.test/.default";
        MLClient client = EmulatorClients.Create(Emulator, credential, options);
        string endpoint = UniqueName("entra");
        await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint) { AuthMode = EndpointAuthMode.AadToken });

        Response<EndpointCredentials> keys = await client.OnlineEndpoints.GetKeysAsync(endpoint);

        Assert.That(keys.Value, Is.TypeOf<EndpointAuthToken>());
        Assert.That(credential.Scopes.Select(scopes => string.Join(" ", scopes)), Does.Contain("https://ml.example.test/.default"));
        Assert.That(keys.GetRawResponse().Status, Is.EqualTo(200), "the raw response is the endpoint read that named the auth mode");
    }
}
