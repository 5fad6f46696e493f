using Azure;
using Azure.Core.Pipeline;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>
/// The SDK against the real service: each scenario makes the calls the recorded Python test made, against a replay of
/// the recording (<see cref="ReplayServer"/>), and must send the recorded requests in order, with equal bodies, and read
/// every answer into the values the recording holds. Differences must be on <see cref="ClientAllowlist"/> with their reason.
/// </summary>
public sealed class ClientFidelityTests
{
    /// <summary>A recorded scenario: which recording, which of its requests (1-based, inclusive) the SDK makes, and the calls that make them.</summary>
    public sealed record Scenario(string Recording, int First, int Last, Func<MLClient, Task> Calls)
    {
        public override string ToString() => $"{Recording} #{First}-{Last}";
    }

    private static readonly Scenario[] All =
    [
        new("online-endpoint-lifecycle", 1, 14, async ml =>
        {
            const string name = "online-ept-19282f598c8c49a";
            var endpoint = new ManagedOnlineEndpoint(name) { AuthMode = EndpointAuthMode.AmlToken, Description = "some description" };
            endpoint.Tags["endpointkey1"] = "newval1";
            endpoint.Tags["dummy"] = "dummy";
            OnlineEndpoint created = (await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, endpoint)).Value;
            Assert.That((created.ProvisioningState, created.ScoringUri?.Host), Is.EqualTo((EndpointProvisioningState.Succeeded, $"{name}.eastus.inference.ml.azure.com")));
            OnlineEndpoint read = (await ml.OnlineEndpoints.GetAsync(name)).Value;
            Assert.That((read.AuthMode, read.Description, read.Tags["endpointkey1"], read.Location), Is.EqualTo((EndpointAuthMode.AmlToken, "some description", "newval1", "eastus")));
            EndpointCredentials credentials = (await ml.OnlineEndpoints.GetKeysAsync(name)).Value;
            Assert.That(credentials, Is.Not.Null);
            await ml.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, name);
        }),
        new("online-deployment-create-traffic-keys-delete", 1, 6, async ml =>
        {
            OnlineEndpoint created = (await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint("online-ept-a2eef48db44f4a9"))).Value;
            Assert.That((created.AuthMode, created.ProvisioningState), Is.EqualTo((EndpointAuthMode.Key, EndpointProvisioningState.Succeeded)));
        }),
        new("online-deployment-create-traffic-keys-delete", 25, 34, async ml =>
        {
            // The recorded test set the traffic on its endpoint object and created it again.
            const string name = "online-ept-a2eef48db44f4a9";
            var endpoint = new ManagedOnlineEndpoint(name);
            endpoint.Traffic["online-dpm-b0249d5411f7413"] = 100;
            OnlineEndpoint moved = (await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, endpoint)).Value;
            Assert.That(moved.Traffic["online-dpm-b0249d5411f7413"], Is.EqualTo(100));
            await ml.OnlineEndpoints.GetAsync(name);
            Assert.That((await ml.OnlineEndpoints.GetKeysAsync(name)).Value, Is.InstanceOf<EndpointAuthKeys>());
        }),
        new("model-versions-archive-restore", 13, 19, async ml =>
        {
            const string name = "model_test_129743542416";
            Assert.That(await ml.Models.ListAsync(name).Select(m => m.Version).ToListAsync(), Is.EqualTo(new[] { "2", "1" }));
            await ml.Models.ArchiveAsync(name, "1");
            Assert.That(await ml.Models.ListAsync(name).Select(m => m.Version).ToListAsync(), Is.EqualTo(new[] { "2" }));
            await ml.Models.RestoreAsync(name, "1");
            Assert.That(await ml.Models.ListAsync(name).Select(m => m.Version).ToListAsync(), Is.EqualTo(new[] { "2", "1" }));
        }),
        new("model-create-mlflow-with-upload", 1, 8, async ml =>
        {
            // The recorded test loaded model_full.yml (its MLflow folder's files already uploaded) and registered it under a new name.
            Model model = Model.Load(Infrastructure.ExampleFiles.PathOf("cli-yaml/models/model_full.yml"));
            model.Name = "test_907403507619";
            Model created = (await ml.Models.CreateOrUpdateAsync(model)).Value;
            Assert.That((created.Version, created.Type, created.Path), Is.EqualTo(("3", ModelType.MlflowModel,
                "azureml://subscriptions/00000000-0000-0000-0000-000000000/resourceGroups/00000/workspaces/00000/datastores/workspaceblobstore/paths/LocalUpload/00000000000000000000000000000000/lightgbm_mlflow_model")));
            Assert.That((await ml.Models.GetAsync(model.Name, "3")).Value.Flavors.Keys, Is.EquivalentTo(new[] { "sklearn", "python_function" }));
            Assert.That(await ml.Models.ListAsync(model.Name).Select(m => m.Version).ToListAsync(), Is.EqualTo(new[] { "3" }));
        }),
        new("model-containers-list", 1, 1, async ml => Assert.That(await ml.Models.ListAsync().CountAsync(), Is.GreaterThan(0))),
        new("batch-endpoint-lifecycle-and-job-status", 1, 1, ml =>
        {
            var missing = Assert.ThrowsAsync<RequestFailedException>(() => ml.Models.GetAsync("lightgbm_predict", "1"));
            Assert.That((missing!.Status, missing.ErrorCode), Is.EqualTo((404, MLErrorCodes.NoSuchModelRegistered)));
            return Task.CompletedTask;
        }),
        new("batch-endpoint-lifecycle-and-job-status", 11, 21, async ml =>
        {
            const string name = "batch-ept-1bd9124367124da";
            BatchEndpoint created = (await ml.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(name) { Description = "my sample batch endpoint" })).Value;
            Assert.That((created.ProvisioningState, created.ScoringUri?.AbsolutePath), Is.EqualTo((EndpointProvisioningState.Succeeded, "/jobs")));
            Assert.That((await ml.BatchEndpoints.GetAsync(name)).Value.AuthMode, Is.EqualTo(EndpointAuthMode.AadToken));
            await ml.BatchEndpoints.BeginDeleteAsync(WaitUntil.Completed, name);
            var gone = Assert.ThrowsAsync<RequestFailedException>(() => ml.BatchEndpoints.GetAsync(name));
            Assert.That((gone!.Status, gone.ErrorCode), Is.EqualTo((404, MLErrorCodes.EndpointNotFound)));
        }),
        new("datastore-create-get-listsecrets-list", 2, 2, async ml =>
            Assert.That((await ml.Datastores.GetAsync("test_916716951091")).Value.Name, Is.EqualTo("test_916716951091"))),
        new("datastore-create-get-listsecrets-list", 4, 4, async ml => Assert.That(await ml.Datastores.ListAsync().CountAsync(), Is.GreaterThan(0))),
        new("workspace-get", 1, 2, async ml =>
        {
            Assert.That((await ml.Workspaces.GetAsync()).Value.Location, Is.EqualTo("eastus"));
            Assert.That((await ml.Workspaces.GetAsync("00000-ws")).Value.Location, Is.EqualTo("eastus"), "recorded in another workspace");
        }),
    ];

    public static IEnumerable<TestCaseData> Scenarios() => All.Select((s, i) => new TestCaseData(i).SetName($"The SDK makes the recorded requests: {s}"));

    [TestCaseSource(nameof(Scenarios)), Order(1)]
    public async Task TheSdkSendsWhatThePythonSdkSentAndReadsWhatTheServiceAnswered(int index)
    {
        Scenario scenario = All[index];
        List<RecordedExchange> expected = [.. ServiceRecordings.Load(scenario.Recording)
            .Where(e => e.Index >= scenario.First && e.Index <= scenario.Last && (e.IsArm ? FidelityAllowlist.NotSent(e, []) is null : e.Uri.Host.Contains(".blob.", StringComparison.Ordinal)))];
        (string subscription, string resourceGroup, string workspace) = ServiceRecordings.WorkspaceOf(expected);
        await using ReplayServer replay = await ReplayServer.StartAsync(expected);
        var options = new MLClientOptions { ResourceManagerEndpoint = replay.BaseUri, PollingInterval = TimeSpan.FromMilliseconds(1), Transport = new HttpClientTransport(replay.CreateHandler()) };
        options.Retry.MaxRetries = 0; // a retried request would be a request the recording does not have
        var ml = new MLClient(new Infrastructure.FakeCredential(), subscription, resourceGroup, workspace, options);

        Exception? failed = null;
        try
        {
            await scenario.Calls(ml);
        }
        catch (Exception ex) when (replay.Differences.Count > 0)
        {
            failed = ex; // the replay refused a request the recording does not have; report that, not its consequence
        }

        List<string> differences = [.. replay.Differences, .. replay.Unsent.Select(e => $"{e.Shape}: the service received it; the SDK did not send it")];
        List<string> unexplained = [.. differences.Select(d => $"{scenario.Recording}: {d}").Where(d => !ClientAllowlist.Differences.Explains(d))];
        TestContext.Out.WriteLine($"{scenario}: {expected.Count} recorded requests, {differences.Count - unexplained.Count} allowlisted differences");
        foreach (string line in unexplained)
        {
            TestContext.Out.WriteLine("  UNEXPLAINED " + line);
        }
        Assert.That(unexplained, Is.Empty, $"{scenario}: the SDK's requests differ from the recorded ones");
        Assert.That(failed, Is.Null, "the calls failed on a request the replay refused");
        ClientAllowlist.Differences.ScenarioRan();
    }

    [Test, Order(2)]
    public void EveryAllowlistEntryIsStillNeeded() => ClientAllowlist.Differences.AssertEveryEntryIsNeeded(All.Length);
}
