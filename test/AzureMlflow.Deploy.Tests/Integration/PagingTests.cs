using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Lists follow <c>nextLink</c> page by page, lazily, in both the sync and async forms.</summary>
public sealed class PagingTests
{
    [Test]
    public async Task ListsFollowNextLinkAcrossPages()
    {
        await using WorkspaceEmulator emulator = await EmulatorClients.StartFastAsync(o => o.PageSize = 2);
        MLClient client = EmulatorClients.Create(emulator);
        var names = Enumerable.Range(1, 5).Select(i => $"page-ep-{i}").ToList();
        foreach (string name in names)
        {
            await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineEndpoint(name));
        }
        emulator.Requests.Clear();

        var listed = new List<string>();
        await foreach (ManagedOnlineEndpoint endpoint in client.OnlineEndpoints.ListAsync())
        {
            listed.Add(endpoint.Name);
        }

        Assert.That(listed, Is.EqualTo(names));
        Assert.That(emulator.Requests.Snapshot().Select(r => r.Query.Contains("$skipToken", StringComparison.Ordinal)), Is.EqualTo(new[] { false, true, true }));
        Assert.That(client.OnlineEndpoints.List().AsPages().Select(p => p.Values.Count), Is.EqualTo(new[] { 2, 2, 1 }));
    }
}
