using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Every service version the client offers is sent on every ARM request, including the LRO polls.</summary>
public sealed class ServiceVersionTests : EmulatorTestBase
{
    [TestCase(MLClientOptions.ServiceVersion.V2024_04_01, "2024-04-01")]
    [TestCase(MLClientOptions.ServiceVersion.V2025_09_01, "2025-09-01")]
    public async Task TheChosenApiVersionIsSentEverywhere(MLClientOptions.ServiceVersion version, string expected)
    {
        var options = new MLClientOptions(version) { ResourceManagerEndpoint = Emulator.BaseUri, PollingInterval = TimeSpan.FromMilliseconds(10) };
        options.Transport = EmulatorClients.Options(Emulator).Transport;
        var client = new MLClient(Credential, Emulator.Options.SubscriptionId, Emulator.Options.ResourceGroup, Emulator.Options.WorkspaceName, options);
        string name = UniqueName("ver");

        await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(name));
        await client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, name);

        var arm = Emulator.Requests.Snapshot().Where(r => r.Path.StartsWith("/subscriptions/", StringComparison.Ordinal)).ToList();
        Assert.That(arm, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(arm.Select(r => r.Query), Has.All.Contain("api-version=" + expected));
        Assert.That(options.Version, Is.EqualTo(expected));
    }

    [Test]
    public void TheDefaultIsTheVersionTheWireShapesWereCheckedAgainst() =>
        Assert.That(new MLClientOptions().Version, Is.EqualTo("2024-04-01"));
}
