using System.Diagnostics;
using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Every public operation (async or sync) is a span named like Azure SDK spans; failures are marked.</summary>
public sealed class TracingTests : EmulatorTestBase
{
    [Test]
    public async Task OperationsEmitSpansWithTheAzureNamespaceAndErrorStatus()
    {
        var spans = new List<Activity>();
        using ActivityListener listener = Listen(spans);
        string endpoint = UniqueName("traced");

        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        await Client.OnlineEndpoints.GetAsync(endpoint);
        Client.OnlineEndpoints.GetKeys(endpoint); // sync twins are traced too
        _ = Client.OnlineEndpoints.List().ToList(); // and every page of a list
        Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineEndpoints.GetAsync("no-such-endpoint"));

        List<Activity> mine;
        lock (spans)
        {
            mine = [.. spans];
        }
        Assert.That(mine.Select(s => s.OperationName), Is.SupersetOf(new[]
        {
            "OnlineEndpointOperations.BeginCreateOrUpdate", "OnlineEndpointOperations.Get", "OnlineEndpointOperations.GetKeys", "OnlineEndpointOperations.List",
        }));
        Assert.That(mine.All(s => (string?)s.GetTagItem("az.namespace") == "Microsoft.MachineLearningServices"), Is.True);
        Activity failed = mine.Last(s => s.OperationName == "OnlineEndpointOperations.Get");
        Assert.That(failed.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(failed.GetTagItem("error.type"), Is.EqualTo("Azure.RequestFailedException"));
    }

    [Test]
    public async Task TurningDistributedTracingOffSilencesTheOperationSpans()
    {
        var spans = new List<Activity>();
        using ActivityListener listener = Listen(spans);
        MLClientOptions options = EmulatorClients.Options(Emulator);
        options.Diagnostics.IsDistributedTracingEnabled = false;
        MLClient quiet = EmulatorClients.Create(Emulator, options: options);

        // Spans of tests running at the same time have other parents; only this test's calls are children of its root.
        using (Activity root = new Activity("tracing-off").Start())
        {
            await quiet.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(UniqueName("quiet")));
            _ = quiet.OnlineEndpoints.List().ToList();
            await Client.Workspaces.GetAsync(); // a client with tracing on, under the same root
        }

        List<string> mine;
        lock (spans)
        {
            mine = [.. spans.Where(s => s.ParentId is not null && s.Parent?.OperationName == "tracing-off").Select(s => s.OperationName)];
        }
        Assert.That(mine, Is.EqualTo(new[] { "WorkspaceOperations.Get" }));
    }

    private static ActivityListener Listen(List<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "AzureMlflow.Deploy",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
