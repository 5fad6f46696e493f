using Azure;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Emulator.Faults;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Azure.Core's retry policy (the only retry layer) against throttling, server errors and dropped connections.</summary>
public sealed class ResilienceTests : EmulatorTestBase
{
    private string _endpointName = null!;

    [OneTimeSetUp]
    public async Task CreateEndpoint()
    {
        _endpointName = UniqueName("resil");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(_endpointName));
    }

    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    public async Task ATransientStatusIsRetriedOnce(int status)
    {
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathContains = "/onlineEndpoints/" + _endpointName, StatusCode = status });

        OnlineEndpoint endpoint = (await Client.OnlineEndpoints.GetAsync(_endpointName)).Value;

        Assert.That(endpoint.Name, Is.EqualTo(_endpointName));
        Assert.That(EndpointGets().Select(r => r.StatusCode).ToArray(), Is.EqualTo(new[] { status, 200 }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task RetryAfterIsHonouredInSecondsAndAsAnHttpDate(bool asHttpDate)
    {
        Emulator.Faults.Add(new FaultRule
        {
            Method = "GET", PathContains = "/onlineEndpoints/" + _endpointName, StatusCode = 429,
            RetryAfter = TimeSpan.FromSeconds(1), RetryAfterAsHttpDate = asHttpDate,
        });

        await Client.OnlineEndpoints.GetAsync(_endpointName);

        List<RecordedRequest> requests = EndpointGets();
        Assert.That(requests.Select(r => r.StatusCode).ToArray(), Is.EqualTo(new[] { 429, 200 }));
        // The emulator rounds an HTTP date up to the next whole second, so either form asks for at least a second.
        Assert.That(requests[1].ReceivedAt - requests[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [Test]
    public async Task ADroppedConnectionIsRetried()
    {
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathContains = "/onlineEndpoints/" + _endpointName, Kind = FaultKind.DropConnection });

        OnlineEndpoint endpoint = (await Client.OnlineEndpoints.GetAsync(_endpointName)).Value;

        Assert.That(endpoint.Name, Is.EqualTo(_endpointName));
        Assert.That(EndpointGets().Select(r => r.StatusCode).ToArray(), Is.EqualTo(new[] { 0, 200 }));
    }

    [Test]
    public void PersistentFailureSurfacesAfterTheConfiguredRetries()
    {
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathContains = "/onlineEndpoints/" + _endpointName, StatusCode = 503, Count = 10 });

        var error = Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineEndpoints.GetAsync(_endpointName));

        Assert.That(error!.Status, Is.EqualTo(503));
        Assert.That(EndpointGets(), Has.Count.EqualTo(1 + new MLClientOptions().Retry.MaxRetries));
    }

    [Test]
    public async Task ARejectedTokenIsA401WithTheServiceCode()
    {
        // Which tokens are accepted is an emulator-wide setting, so this test has an emulator of its own (no storage needed).
        await using var strict = await Infrastructure.EmulatorClients.StartFastAsync(o =>
        {
            o.AcceptToken = token => token == "the-right-token";
            o.Storage = Deploy.Emulator.EmulatorStorage.None;
        });
        MLClient wrong = Infrastructure.EmulatorClients.Create(strict, new Infrastructure.FakeCredential("a-wrong-token"));
        MLClient right = Infrastructure.EmulatorClients.Create(strict, new Infrastructure.FakeCredential("the-right-token"));

        Assert.That((await right.Workspaces.GetAsync()).Value.Location, Is.EqualTo("eastus"));
        var refused = Assert.ThrowsAsync<RequestFailedException>(() => wrong.Workspaces.GetAsync());
        Assert.That(refused!.Status, Is.EqualTo(401));
        Assert.That(refused.ErrorCode, Is.EqualTo("InvalidAuthenticationToken"));
        Assert.That(strict.Requests.Snapshot().Select(r => r.StatusCode), Is.EqualTo(new[] { 200, 401 }), "a 401 is not retried");
    }

    /// <summary>The GETs of the endpoint itself (a Get also lists deployments to fill in zero traffic).</summary>
    private List<RecordedRequest> EndpointGets() =>
        Emulator.Requests.Snapshot().Where(r => r.Method == "GET" && r.Path.EndsWith("/onlineEndpoints/" + _endpointName, StringComparison.Ordinal)).ToList();

    [Test]
    public void TheCredentialIsAskedForTheResourceManagerScope()
    {
        Assert.That(Credential.Scopes, Is.Not.Empty);
        Assert.That(Credential.Scopes.SelectMany(s => s).Distinct(), Is.EqualTo(new[] { "https://management.azure.com/.default" }));
    }
}
