using System.Diagnostics;
using Azure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Every public operation (async or sync) is a span named like Azure SDK spans; failures are marked.</summary>
public sealed class TracingTests : EmulatorTestBase
{
    [Test]
    public async Task OperationsEmitSpansWithTheAzureNamespaceAndErrorStatus()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Azure.MachineLearning.Deploy",
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
        Assert.That(mine.Select(s => s.OperationName), Is.SupersetOf(new[] { "OnlineEndpoints.BeginCreateOrUpdate", "OnlineEndpoints.Get", "OnlineEndpoints.GetKeys", "OnlineEndpoints.List" }));
        Assert.That(mine.All(s => (string?)s.GetTagItem("az.namespace") == "Microsoft.MachineLearningServices"), Is.True);
        Activity failed = mine.Last(s => s.OperationName == "OnlineEndpoints.Get");
        Assert.That(failed.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(failed.GetTagItem("error.type"), Is.EqualTo("Azure.RequestFailedException"));
    }
}
