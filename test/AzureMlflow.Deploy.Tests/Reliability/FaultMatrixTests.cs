using Azure;
using Azure.Core;
using Azure.Identity;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Emulator.Faults;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Tests.Integration;

namespace AzureMlflow.Deploy.Tests.Reliability;

/// <summary>
/// Every operation group method against every transport fault, over real HTTP: throttling (Retry-After in seconds and as
/// an HTTP date), 500/502/503, a connection dropped before or after the service handled the request, an answer slower
/// than the per-try timeout, and a credential that throws. Each case asserts the result, the requests the emulator saw
/// (how many, and that a retried non-idempotent POST did not do its work twice), and the state left behind.
/// The cases run side by side: each sends its faulted calls from a client of its own (its application id is in the
/// User-Agent), so its fault hits only its own requests and its assertions count only its own requests.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class FaultMatrixTests : EmulatorTestBase
{
    /// <summary>The per-try timeout of the faulted clients: far above what any request takes on a busy machine.</summary>
    private static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(1.5);
    private MLClient _client = null!;
    private Model _remoteModel = null!;
    private string _scoringEndpoint = null!;
    private string _batchEndpoint = null!;
    private string _cluster = null!;

    protected override void Configure(EmulatorOptions options) => options.Storage = EmulatorStorage.Azurite;

    /// <summary>Faults and requests belong to each case (see the class summary), so nothing is cleared between cases.</summary>
    public override void ResetEmulator()
    {
    }

    private MLClient ClientFor(string applicationId, TokenCredential credential)
    {
        MLClientOptions options = EmulatorClients.Options(Emulator);
        options.Retry.NetworkTimeout = TryTimeout;
        options.Scoring.AttemptTimeout = TryTimeout;
        options.Scoring.RetryDelay = TimeSpan.FromMilliseconds(10);
        options.Diagnostics.ApplicationId = applicationId;
        return EmulatorClients.Create(Emulator, credential, options);
    }

    [OneTimeSetUp]
    public async Task DeployWhatTheOperationsNeed()
    {
        _client = ClientFor("fm-setup", Credential);

        _remoteModel = await RegisterMlflowModelAsync(UniqueName("matrix"));
        Model sample = (await _client.Models.CreateOrUpdateAsync(new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder })).Value;
        _scoringEndpoint = UniqueName("scored");
        await _client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(_scoringEndpoint));
        await _client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Deployment("blue", _scoringEndpoint, sample));
        await _client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, _scoringEndpoint, new Dictionary<string, int> { ["blue"] = 100 });
        _batchEndpoint = UniqueName("batched");
        _cluster = await CreateClusterAsync(_client);
        await _client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(_batchEndpoint));
        await _client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new BatchDeployment("linear", _batchEndpoint) { Model = sample, Compute = _cluster, InstanceCount = 1 });
        await _client.BatchEndpoints.BeginUpdateDefaultDeploymentAsync(WaitUntil.Completed, _batchEndpoint, "linear");
    }

    /// <summary>A job input that exists only as a path: jobs start (and then fail), which is all the job operations need.</summary>
    private static readonly BatchJobInput NoSuchInput = BatchJobInput.FromFolder("azureml://datastores/workspaceblobstore/paths/no-such-input/");

    private static ManagedOnlineDeployment Deployment(string name, string endpoint, Model model) =>
        new(name, endpoint)
        {
            Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1,
            // Cases score side by side: the deployment must not refuse them with 429 as one busy instance would.
            RequestSettings = new OnlineRequestSettings { MaxConcurrentRequestsPerInstance = 64 },
        };

    /// <summary>What one test case works with: fresh names, and the prerequisites its operation needs.</summary>
    private sealed class Case(FaultMatrixTests fixture)
    {
        /// <summary>The faulted client's application id (in its User-Agent); at most 24 characters, as Azure.Core allows.</summary>
        public string ClientId { get; } = UniqueName("fm-client");
        public string Endpoint { get; } = UniqueName("fm");
        public string Model { get; } = UniqueName("fm-model");
        public FaultMatrixTests Fixture { get; } = fixture;
        public MLClient Setup => Fixture._client;
        public string Scored => Fixture._scoringEndpoint;
        public string Batch => Fixture._batchEndpoint;
        public string Cluster => Fixture._cluster;
        public Model RemoteModel => Fixture._remoteModel;
        public EndpointAuthKeys? KeysBefore { get; set; }
        public string Job { get; set; } = "";
    }

    /// <summary>
    /// One operation: the request a fault hits (method and path suffix), what to create first, the call, and a check of
    /// the result and the state after. <paramref name="Scoring"/> operations go through the Polly pipeline, which does
    /// not retry a 500 (a model error, not a transient one).
    /// </summary>
    private sealed record Operation(
        string Name, string Method, Func<Case, string> Target, Func<Case, Task>? Arrange, Func<MLClient, Case, Task> ActAndCheck, bool Scoring = false);

    private static readonly Operation[] Operations =
    [
        new("Workspaces.Get", "GET", c => "/workspaces/" + c.Fixture.Emulator.Options.WorkspaceName, null,
            async (m, c) => Assert.That((await m.Workspaces.GetAsync()).Value.Location, Is.EqualTo("eastus"))),
        new("OnlineEndpoints.BeginCreateOrUpdate", "PUT", c => "/onlineEndpoints/" + c.Endpoint, null,
            async (m, c) =>
            {
                var created = await m.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(c.Endpoint) { Description = "matrix" });
                Assert.That((created.Value.ProvisioningState, created.Value.Description), Is.EqualTo((EndpointProvisioningState.Succeeded, "matrix")));
                Assert.That(c.Setup.OnlineEndpoints.List().Count(e => e.Name == c.Endpoint), Is.EqualTo(1));
            }),
        new("OnlineEndpoints.Get", "GET", c => "/onlineEndpoints/" + c.Endpoint, c => c.Setup.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(c.Endpoint)),
            async (m, c) => Assert.That((await m.OnlineEndpoints.GetAsync(c.Endpoint)).Value.Name, Is.EqualTo(c.Endpoint))),
        new("OnlineEndpoints.List", "GET", c => "/onlineEndpoints", null,
            async (m, c) => Assert.That(await m.OnlineEndpoints.ListAsync().Select(e => e.Name).ToListAsync(), Does.Contain(c.Scored))),
        new("OnlineEndpoints.GetKeys", "POST", c => "/onlineEndpoints/" + c.Scored + "/listKeys", null,
            async (m, c) => Assert.That(((EndpointAuthKeys)(await m.OnlineEndpoints.GetKeysAsync(c.Scored)).Value).PrimaryKey, Is.Not.Empty)),
        new("OnlineEndpoints.BeginRegenerateKeys", "POST", c => "/onlineEndpoints/" + c.Endpoint + "/regenerateKeys",
            async c =>
            {
                await c.Setup.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(c.Endpoint));
                c.KeysBefore = (EndpointAuthKeys)(await c.Setup.OnlineEndpoints.GetKeysAsync(c.Endpoint)).Value;
            },
            async (m, c) =>
            {
                try
                {
                    await m.OnlineEndpoints.BeginRegenerateKeysAsync(WaitUntil.Completed, c.Endpoint, KeyType.Secondary);
                }
                catch (RequestFailedException conflict) when (conflict.Status == 409)
                {
                    // Only when the unanswered first attempt is still running as the retry arrives: an action cannot be
                    // followed, so the client says what happened; the first attempt's work then completes on its own.
                    Assert.That(conflict.Message, Does.StartWith($"Regenerating the secondary key of online endpoint '{c.Endpoint}': an earlier attempt of this request got no answer"));
                }
                EndpointAuthKeys after = await Eventually.UntilAsync(async () => (EndpointAuthKeys)(await c.Setup.OnlineEndpoints.GetKeysAsync(c.Endpoint)).Value,
                    keys => keys.SecondaryKey != c.KeysBefore!.SecondaryKey, "the secondary key changes");
                Assert.That((after.PrimaryKey == c.KeysBefore!.PrimaryKey, after.SecondaryKey == c.KeysBefore.SecondaryKey), Is.EqualTo((true, false)));
            }),
        new("OnlineEndpoints.BeginUpdateTraffic", "PUT", c => "/onlineEndpoints/" + c.Endpoint,
            async c =>
            {
                await c.Setup.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(c.Endpoint));
                await c.Setup.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Deployment("blue", c.Endpoint, c.RemoteModel));
            },
            async (m, c) =>
            {
                await m.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, c.Endpoint, new Dictionary<string, int> { ["blue"] = 100 });
                Assert.That((await c.Setup.OnlineEndpoints.GetAsync(c.Endpoint)).Value.Traffic["blue"], Is.EqualTo(100));
            }),
        new("OnlineEndpoints.BeginDelete", "DELETE", c => "/onlineEndpoints/" + c.Endpoint, c => c.Setup.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(c.Endpoint)),
            async (m, c) =>
            {
                await m.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, c.Endpoint);
                Assert.That(Assert.ThrowsAsync<RequestFailedException>(() => c.Setup.OnlineEndpoints.GetAsync(c.Endpoint))!.Status, Is.EqualTo(404));
            }),
        new("OnlineEndpoints.Invoke", "POST", c => "/onlineEndpoints/" + c.Scored + "/score", null,
            async (m, c) => Assert.That((await m.OnlineEndpoints.InvokeAsync(c.Scored, ScoringPayload.FromCsvFile(SampleModel.SampleCsv))).Value.ToDoubleArray(),
                Is.EqualTo(SampleModel.SampleRows().Select(SampleModel.Predict).ToArray()).Within(1e-3)),
            Scoring: true),
        new("OnlineDeployments.BeginCreateOrUpdate", "PUT", c => "/onlineEndpoints/" + c.Endpoint + "/deployments/blue",
            c => c.Setup.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(c.Endpoint)),
            async (m, c) =>
            {
                var created = await m.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Deployment("blue", c.Endpoint, c.RemoteModel));
                Assert.That(created.Value.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Succeeded));
                Assert.That(c.Setup.OnlineDeployments.List(c.Endpoint).Select(d => d.Name), Is.EqualTo(new[] { "blue" }));
            }),
        new("OnlineDeployments.Get", "GET", c => "/onlineEndpoints/" + c.Scored + "/deployments/blue", null,
            async (m, c) => Assert.That((await m.OnlineDeployments.GetAsync("blue", c.Scored)).Value.InstanceCount, Is.EqualTo(1))),
        new("OnlineDeployments.List", "GET", c => "/onlineEndpoints/" + c.Scored + "/deployments", null,
            async (m, c) => Assert.That(await m.OnlineDeployments.ListAsync(c.Scored).Select(d => d.Name).ToListAsync(), Is.EqualTo(new[] { "blue" }))),
        new("OnlineDeployments.GetLogs", "POST", c => "/onlineEndpoints/" + c.Scored + "/deployments/blue/getLogs", null,
            async (m, c) => Assert.That((await m.OnlineDeployments.GetLogsAsync("blue", c.Scored, lines: 3)).Value, Does.Contain("INFO"))),
        new("OnlineDeployments.BeginDelete", "DELETE", c => "/onlineEndpoints/" + c.Endpoint + "/deployments/blue",
            async c =>
            {
                await c.Setup.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(c.Endpoint));
                await c.Setup.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Deployment("blue", c.Endpoint, c.RemoteModel));
            },
            async (m, c) =>
            {
                await m.OnlineDeployments.BeginDeleteAsync(WaitUntil.Completed, "blue", c.Endpoint);
                Assert.That(c.Setup.OnlineDeployments.List(c.Endpoint), Is.Empty);
            }),
        new("Models.CreateOrUpdate", "PUT", c => $"/models/{c.Model}/versions/3", null,
            async (m, c) =>
            {
                Model model = (await m.Models.CreateOrUpdateAsync(new Model { Name = c.Model, Version = "3", Type = ModelType.MlflowModel, Path = "azureml://datastores/workspaceblobstore/paths/models/fm" })).Value;
                Assert.That(model.Version, Is.EqualTo("3"));
                Assert.That(c.Setup.Models.List(c.Model).Select(v => v.Version), Is.EqualTo(new[] { "3" }));
            }),
        new("Models.Get", "GET", c => $"/models/{c.RemoteModel.Name}/versions/{c.RemoteModel.Version}", null,
            async (m, c) => Assert.That((await m.Models.GetAsync(c.RemoteModel.Name!, c.RemoteModel.Version)).Value.Path, Is.EqualTo(c.RemoteModel.Path))),
        new("Models.List", "GET", c => $"/models/{c.RemoteModel.Name}/versions", null,
            async (m, c) => Assert.That(await m.Models.ListAsync(c.RemoteModel.Name!).Select(v => v.Version).ToListAsync(), Is.EqualTo(new[] { c.RemoteModel.Version }))),
        new("Datastores.Get", "GET", c => "/datastores/workspaceblobstore", null,
            async (m, c) => Assert.That((await m.Datastores.GetAsync("workspaceblobstore")).Value.IsDefault, Is.True)),
        new("BatchEndpoints.BeginCreateOrUpdate", "PUT", c => "/batchEndpoints/" + c.Endpoint, null,
            async (m, c) =>
            {
                var created = await m.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(c.Endpoint));
                Assert.That(created.Value.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
            }),
        new("BatchEndpoints.Get", "GET", c => "/batchEndpoints/" + c.Batch, null,
            async (m, c) => Assert.That((await m.BatchEndpoints.GetAsync(c.Batch)).Value.DefaultDeploymentName, Is.EqualTo("linear"))),
        new("BatchDeployments.Get", "GET", c => $"/batchEndpoints/{c.Batch}/deployments/linear", null,
            async (m, c) => Assert.That((await m.BatchDeployments.GetAsync("linear", c.Batch)).Value.Compute, Does.EndWith(c.Cluster))),
        new("BatchEndpoints.List", "GET", c => "/batchEndpoints", null,
            async (m, c) => Assert.That(await m.BatchEndpoints.ListAsync().Select(e => e.Name).ToListAsync(), Does.Contain(c.Batch))),
        new("BatchEndpoints.BeginDelete", "DELETE", c => "/batchEndpoints/" + c.Endpoint, c => c.Setup.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(c.Endpoint)),
            async (m, c) =>
            {
                await m.BatchEndpoints.BeginDeleteAsync(WaitUntil.Completed, c.Endpoint);
                Assert.That(Assert.ThrowsAsync<RequestFailedException>(() => c.Setup.BatchEndpoints.GetAsync(c.Endpoint))!.Status, Is.EqualTo(404));
            }),
        new("BatchDeployments.BeginCreateOrUpdate", "PUT", c => $"/batchEndpoints/{c.Endpoint}/deployments/linear",
            c => c.Setup.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(c.Endpoint)),
            async (m, c) =>
            {
                var created = await m.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
                    new BatchDeployment("linear", c.Endpoint) { Model = c.RemoteModel, Compute = c.Cluster, MiniBatchSize = 3 });
                Assert.That((created.Value.ProvisioningState, created.Value.MiniBatchSize), Is.EqualTo((DeploymentProvisioningState.Succeeded, (int?)3)));
            }),
        new("BatchDeployments.List", "GET", c => $"/batchEndpoints/{c.Batch}/deployments", null,
            async (m, c) => Assert.That(await m.BatchDeployments.ListAsync(c.Batch).Select(d => d.Name).ToListAsync(), Is.EqualTo(new[] { "linear" }))),
        new("Datastores.List", "GET", c => "/datastores", null,
            async (m, c) => Assert.That(await m.Datastores.ListAsync().Select(d => d.Name).ToListAsync(), Does.Contain("workspaceblobstore"))),
        new("Models.Archive", "PUT", c => $"/models/{c.Model}/versions/1",
            c => c.Setup.Models.CreateOrUpdateAsync(new Model { Name = c.Model, Version = "1", Type = ModelType.MlflowModel, Path = "azureml://datastores/workspaceblobstore/paths/models/fm" }),
            async (m, c) =>
            {
                await m.Models.ArchiveAsync(c.Model, "1");
                Assert.That((await c.Setup.Models.GetAsync(c.Model, "1")).Value.IsArchived, Is.True);
            }),
        new("Jobs.Get", "GET", c => "/jobs/" + c.Job, async c => c.Job = (await c.Setup.BatchEndpoints.InvokeAsync(c.Batch, NoSuchInput)).Value.Name,
            async (m, c) => Assert.That((await m.Jobs.GetAsync(c.Job)).Value.EndpointName, Is.EqualTo(c.Batch))),
        new("Jobs.BeginCancel", "POST", c => $"/jobs/{c.Job}/cancel", async c => c.Job = (await c.Setup.BatchEndpoints.InvokeAsync(c.Batch, NoSuchInput)).Value.Name,
            async (m, c) =>
            {
                await m.Jobs.BeginCancelAsync(WaitUntil.Completed, c.Job);
                // The cancel is accepted; the job stops once its runner sees it, which a busy machine may take a moment to do.
                BatchJob stopped = await Eventually.UntilAsync(async () => (await c.Setup.Jobs.GetAsync(c.Job)).Value, j => j.Status.IsTerminal, "the job stops");
                Assert.That(stopped.Status, Is.AnyOf(JobStatus.Canceled, JobStatus.Failed), "stopped, by the cancel or by its missing input");
            }),
        new("BatchEndpoints.Invoke", "POST", c => $"/batchEndpoints/{c.Batch}/jobs", null,
            async (m, c) =>
            {
                // An input of the case's own, so jobs that cases running alongside start are not counted.
                BatchJob job = await m.BatchEndpoints.InvokeAsync(c.Batch, BatchJobInput.FromFolder($"azureml://datastores/workspaceblobstore/paths/no-such-input/{c.Endpoint}/"));
                List<BatchJob> jobs = await c.Setup.BatchEndpoints.ListJobsAsync(c.Batch).Where(j => j.Inputs["input_data"] == job.Inputs["input_data"]).ToListAsync();
                Assert.That(jobs.Select(j => j.Name), Is.EqualTo(new[] { job.Name }), "a retried invoke never starts a second job");
            },
            Scoring: true),
    ];

    /// <summary>A fault on one client's requests (method, path suffix, User-Agent), and what a retried request looks like to the emulator.</summary>
    private sealed record Fault(string Name, Func<string, string, string, FaultRule>? Rule, int? Status, bool RetriedOnScoringPath = true, bool CredentialThrows = false);

    private static readonly Fault[] Faults =
    [
        new("429 with Retry-After in seconds", (m, p, who) => new FaultRule { Method = m, PathEndsWith = p, UserAgentContains = who, StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(1) }, 429),
        new("429 with Retry-After as an HTTP date", (m, p, who) => new FaultRule { Method = m, PathEndsWith = p, UserAgentContains = who, StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(1), RetryAfterAsHttpDate = true }, 429),
        new("500", (m, p, who) => new FaultRule { Method = m, PathEndsWith = p, UserAgentContains = who, StatusCode = 500 }, 500, RetriedOnScoringPath: false),
        new("502", (m, p, who) => new FaultRule { Method = m, PathEndsWith = p, UserAgentContains = who, StatusCode = 502 }, 502),
        new("503", (m, p, who) => new FaultRule { Method = m, PathEndsWith = p, UserAgentContains = who, StatusCode = 503 }, 503),
        new("a connection dropped before the request was handled", (m, p, who) => new FaultRule { Method = m, PathEndsWith = p, UserAgentContains = who, Kind = FaultKind.DropConnection }, 0),
        new("a connection dropped after the request was handled", (m, p, who) => new FaultRule { Method = m, PathEndsWith = p, UserAgentContains = who, Kind = FaultKind.DropAfterHandling }, 0),
        new("an answer slower than the per-try timeout", (m, p, who) => new FaultRule { Method = m, PathEndsWith = p, UserAgentContains = who, Kind = FaultKind.Delay, Delay = TimeSpan.FromMinutes(5) }, null),
        new("a credential that throws", null, null, CredentialThrows: true),
    ];

    public static IEnumerable<TestCaseData> Cases() =>
        from operation in Operations
        from fault in Faults
        select new TestCaseData(operation.Name, fault.Name).SetName($"{operation.Name} under {fault.Name}");

    [TestCaseSource(nameof(Cases))]
    public async Task TheOperationSurvivesOrFailsPrecisely(string operationName, string faultName)
    {
        Operation operation = Operations.Single(o => o.Name == operationName);
        Fault fault = Faults.Single(f => f.Name == faultName);
        var testCase = new Case(this);
        if (operation.Arrange is not null)
        {
            await operation.Arrange(testCase);
        }
        string target = operation.Target(testCase);

        if (fault.CredentialThrows)
        {
            MLClient broken = ClientFor(testCase.ClientId, new ThrowingCredential());
            var failure = Assert.ThrowsAsync<AuthenticationFailedException>(() => operation.ActAndCheck(broken, testCase));
            Assert.That(failure!.Message, Is.EqualTo(ThrowingCredential.Message));
            Assert.That(SentBy(testCase), Is.Empty, "nothing is sent without a token");
            return;
        }

        MLClient faulted = ClientFor(testCase.ClientId, Credential);
        Emulator.Faults.Add(fault.Rule!(operation.Method, target, testCase.ClientId));
        if (operation.Scoring && !fault.RetriedOnScoringPath)
        {
            var failure = Assert.ThrowsAsync<ScoringException>(() => operation.ActAndCheck(faulted, testCase));
            Assert.That(failure!.Status, Is.EqualTo(500), "a model error is not retried");
            Assert.That(failure.Message, Does.Contain("Injected fault: status 500."), "the service's message comes back");
            Assert.That(Hits(testCase, operation, target), Has.Count.EqualTo(1));
            return;
        }

        await operation.ActAndCheck(faulted, testCase);

        List<RecordedRequest> hits = Hits(testCase, operation, target);
        Assert.That(hits, Has.Count.EqualTo(2), "the faulted request and one retry");
        if (fault.Status is { } status)
        {
            Assert.That(hits[0].StatusCode, Is.EqualTo(status));
        }
        if (fault.Name.Contains("after the request was handled", StringComparison.Ordinal) && operation.Method is "PUT" or "DELETE" or "POST" && !operation.Scoring)
        {
            // The first attempt started the operation; if it is still running, the retry is refused with 409 and the
            // client follows the resource instead of failing (work that is under way is not reported as failed).
            Assert.That(hits[1].StatusCode, Is.InRange(200, 299).Or.EqualTo(409));
        }
        else
        {
            Assert.That(hits[1].StatusCode, Is.InRange(200, 299));
        }
        if (fault.Status == 429 && fault.Name.Contains("seconds", StringComparison.Ordinal))
        {
            Assert.That(hits[1].ReceivedAt - hits[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), "no retry before Retry-After allows");
        }
    }

    /// <summary>The requests the case's own client sent.</summary>
    private List<RecordedRequest> SentBy(Case testCase) =>
        [.. Emulator.Requests.Snapshot().Where(r => r.Headers.TryGetValue("User-Agent", out string? agent) && agent.Contains(testCase.ClientId, StringComparison.Ordinal))];

    private List<RecordedRequest> Hits(Case testCase, Operation operation, string target) =>
        [.. SentBy(testCase).Where(r => r.Method == operation.Method && r.Path.EndsWith(target, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.ReceivedAt)];

    private sealed class ThrowingCredential : TokenCredential
    {
        public const string Message = "Sign-in failed: the account needs multi-factor authentication.";

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new AuthenticationFailedException(Message);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new AuthenticationFailedException(Message);
    }
}
