using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Emulator.Faults;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>LRO semantics over real HTTP: status polling, rehydration, failures with the service's error, cancellation, Retry-After.</summary>
public sealed class LongRunningOperationTests : EmulatorTestBase
{
    [Test]
    public async Task AStartedOperationCanBeResumedFromItsIdByAnotherClient()
    {
        string endpointName = UniqueName("rehy");
        var started = await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineEndpoint(endpointName));
        Assert.That(started.HasCompleted, Is.False);
        Assert.That(started.GetRawResponse().Status, Is.EqualTo(201));

        MLClient otherProcess = EmulatorClients.Create(Emulator);
        var resumed = new CreateOrUpdateOnlineEndpointOperation(started.Id, otherProcess);
        Response<OnlineEndpoint> done = await resumed.WaitForCompletionAsync();

        Assert.That(done.Value.Name, Is.EqualTo(endpointName));
        Assert.That(done.Value.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
        Assert.That(Emulator.Requests.Snapshot().Any(r => r.Path.Contains("/mfeOperationsStatus/", StringComparison.Ordinal)), Is.True);

        MLOperation delete = await Client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Started, endpointName);
        Assert.That(delete.GetRawResponse().Status, Is.EqualTo(202));
        await new MLOperation(delete.Id, otherProcess).WaitForCompletionResponseAsync();
        Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineEndpoints.GetAsync(endpointName));
    }

    [Test]
    public void AnIdFromElsewhereIsRefusedClearly()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new CreateOrUpdateOnlineEndpointOperation("not-an-operation-id", Client));
        Assert.That(error!.Message, Does.Contain("not one this client issued"));
    }

    [Test]
    public async Task AFailedDeploymentCarriesTheServiceErrorAndTellsHowToReadTheLogs()
    {
        string endpointName = UniqueName("fail");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));
        Model model = await RegisterMlflowModelAsync(UniqueName("fail"));
        Emulator.Faults.FailNextProvisioning("blue", "ResourceNotReady", "User container has crashed or terminated.");

        var operation = await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Started,
            new ManagedOnlineDeployment("blue", endpointName) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
        var failure = Assert.ThrowsAsync<RequestFailedException>(async () => await operation.WaitForCompletionAsync());

        Assert.That(failure!.ErrorCode, Is.EqualTo("ResourceNotReady"));
        Assert.That(failure.Message, Does.Contain("User container has crashed or terminated."));
        Assert.That(failure.Message, Does.Contain("GetLogs"));
        Assert.That(operation.HasCompleted, Is.True);
        string logs = (await operation.GetLogsAsync(lines: 5)).Value;
        Assert.That(logs, Does.Contain("ResourceNotReady: User container has crashed or terminated."));
        Assert.That((await Client.OnlineDeployments.GetAsync("blue", endpointName)).Value.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Failed));
    }

    [Test]
    public async Task CancellingTheWaitLeavesTheOperationRunningAndResumable()
    {
        string endpointName = UniqueName("cancel");
        using OperationHold hold = Emulator.HoldOperations(endpointName);
        var operation = await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineEndpoint(endpointName));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        Assert.CatchAsync<OperationCanceledException>(async () => await operation.WaitForCompletionAsync(cancel.Token));

        Assert.That(operation.HasCompleted, Is.False);
        Assert.That((await Client.OnlineEndpoints.GetAsync(endpointName)).Value.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Creating));
        var resumed = new CreateOrUpdateOnlineEndpointOperation(operation.Id, Client);
        await resumed.UpdateStatusAsync();
        Assert.That(resumed.HasCompleted, Is.False, "the operation is still running in the service");

        hold.Release();
        Assert.That((await resumed.WaitForCompletionAsync()).Value.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded), "the resumed operation is followed to its end");
    }

    [Test]
    public async Task PollingWaitsAtLeastAsLongAsTheServicesRetryAfter()
    {
        // Retry-After is an emulator-wide setting, so this test has an emulator of its own (no storage: it only creates an endpoint).
        await using var hinting = await EmulatorClients.StartFastAsync(o =>
        {
            o.RetryAfter = TimeSpan.FromMilliseconds(200);
            o.Storage = EmulatorStorage.None;
        });
        MLClient client = EmulatorClients.Create(hinting);
        List<RecordedRequest> Polls() => hinting.Requests.Snapshot().Where(r => r.Path.Contains("/mfeOperationsStatus/", StringComparison.Ordinal)).ToList();

        using (OperationHold hold = hinting.HoldOperations())
        {
            var waiting = client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(UniqueName("hint")));
            await Eventually.UntilAsync(() => Polls().Count >= 3, "the held operation was polled three times");
            hold.Release();
            Assert.That((await waiting).Value.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
        }

        List<RecordedRequest> polls = Polls();
        Assert.That(polls, Has.Count.GreaterThanOrEqualTo(4), "three polls while held, then the one that saw the end");
        RecordedRequest put = hinting.Requests.Snapshot().Single(r => r.Method == "PUT");
        Assert.That(polls[0].ReceivedAt - put.ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)), "the first poll waits for the Retry-After of the PUT's answer too");
        for (int i = 1; i < polls.Count; i++)
        {
            Assert.That(polls[i].ReceivedAt - polls[i - 1].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)));
        }
    }

    [Test]
    public async Task ATransientErrorFromTheStatusUrlIsRetriedByThePipeline()
    {
        string endpointName = UniqueName("flaky");
        Emulator.Faults.Add(new FaultRule { Method = "GET", PathContains = "/mfeOperationsStatus/", StatusCode = 500 });

        var operation = await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));

        Assert.That(operation.Value.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
        Assert.That(Emulator.Requests.Snapshot().Count(r => r.StatusCode == 500), Is.EqualTo(1));
    }

    [Test]
    public async Task WithoutAzureAsyncOperationADeleteFollowsLocation()
    {
        string endpointName = UniqueName("loc");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));
        Emulator.Requests.Clear();
        Emulator.Faults.Add(new FaultRule { Method = "DELETE", Kind = FaultKind.OmitAsyncOperationHeader });

        MLOperation delete = await Client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);

        Assert.That(delete.GetRawResponse().Status, Is.EqualTo(204), "the operation result resource's final answer");
        List<RecordedRequest> sent = Emulator.Requests.Snapshot().ToList();
        Assert.That(sent.Count(r => r.Path.Contains("/mfeOperationResults/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));
        Assert.That(sent.Any(r => r.Path.Contains("/mfeOperationsStatus/", StringComparison.Ordinal)), Is.False);
        Assert.That(Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineEndpoints.GetAsync(endpointName))!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task WithoutOperationHeadersACreateWatchesTheResourcesProvisioningState()
    {
        string endpointName = UniqueName("prov");
        Emulator.Faults.Add(new FaultRule { Method = "PUT", Kind = FaultKind.OmitOperationHeaders });
        bool Read() => Emulator.Requests.Snapshot().Any(r => r.Method == "GET" && r.Path.EndsWith("/onlineEndpoints/" + endpointName, StringComparison.Ordinal));

        OnlineEndpoint created;
        using (OperationHold hold = Emulator.HoldOperations(endpointName))
        {
            var creating = Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));
            await Eventually.UntilAsync(Read, "the client reads the endpoint while it is still Creating");
            hold.Release();
            created = (await creating).Value;
        }

        Assert.That(created.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
        List<RecordedRequest> sent = Emulator.Requests.Snapshot().ToList();
        Assert.That(sent.Any(r => r.Path.Contains("/mfeOperation", StringComparison.Ordinal)), Is.False, "no operation resource to follow");
        Assert.That(sent.Count(r => r.Method == "GET" && r.Path.EndsWith("/onlineEndpoints/" + endpointName, StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2),
            "the resource is read until it reports Succeeded");
    }

    [Test]
    public async Task WithoutOperationHeadersADeleteWaitsForTheResourceToBeGone()
    {
        string endpointName = UniqueName("gone");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));
        Emulator.Faults.Add(new FaultRule { Method = "DELETE", Kind = FaultKind.OmitOperationHeaders });

        MLOperation delete = await Client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);

        Assert.That(delete.GetRawResponse().Status, Is.EqualTo(404), "done once the resource reads as not found");
        Assert.That(Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineEndpoints.GetAsync(endpointName))!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task AnUnansweredCreateThatGotThroughIsFollowedNotReportedAsAConflict()
    {
        string name = UniqueName("dropped");
        List<RecordedRequest> Sent() => Emulator.Requests.Snapshot().Where(r => r.Path.EndsWith("/onlineEndpoints/" + name, StringComparison.Ordinal)).ToList();
        Emulator.Faults.Add(new FaultRule { Method = "PUT", PathEndsWith = "/onlineEndpoints/" + name, Kind = FaultKind.DropAfterHandling });
        OnlineEndpoint created;
        using (OperationHold hold = Emulator.HoldOperations(name))
        {
            // Held, the first PUT's operation is still running when the retry arrives, whatever the machine's speed.
            var creating = Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(name) { Description = "once" });
            await Eventually.UntilAsync(() => Sent().Any(r => r.Method == "GET"), "the client follows the endpoint");
            hold.Release();
            created = (await creating).Value;
        }

        Assert.That((created.ProvisioningState, created.Description), Is.EqualTo((EndpointProvisioningState.Succeeded, "once")));
        List<RecordedRequest> sent = Sent();
        Assert.That(sent.Where(r => r.Method == "PUT").Select(r => r.StatusCode), Is.EqualTo(new[] { 0, 409 }), "the first PUT got through; its retry was refused");
        Assert.That(sent.Count(r => r.Method == "GET"), Is.GreaterThanOrEqualTo(2), "the resource was followed until it reported Succeeded");
    }

    [Test]
    public async Task SomeoneElsesOperationInProgressIsStillAConflict()
    {
        string name = UniqueName("busy");
        using OperationHold hold = Emulator.HoldOperations(name);
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineEndpoint(name));

        var conflict = Assert.ThrowsAsync<RequestFailedException>(() =>
            Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(name) { Description = "second" }));

        Assert.That(conflict!.Status, Is.EqualTo(409));
        Assert.That(conflict.Message, Does.Contain("There is an operation in progress on endpoint"));
    }
}
