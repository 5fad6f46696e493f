using System.Text.Json.Nodes;
using Azure;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>
/// The scoring path under the service's limits and the client's own: the deployment's request timeout (408), its
/// concurrency limit (429, retried), per-attempt and overall timeouts, the circuit breaker, and error mapping with the
/// service's message and request id. Models here are custom scorers so their speed can be chosen.
/// </summary>
public sealed class ScoringBehaviourTests : EmulatorTestBase
{
    private const string SlowModel = "slow-model";
    private const string Patient = "patient";
    private string _endpoint = null!;
    private static readonly ScoringPayload Row = ScoringPayload.FromRows(["x"], [[1.0]]);

    /// <summary>A request the model holds until the test opens <see cref="_gate"/>.</summary>
    private static readonly ScoringPayload Held = Taking(-1);

    private readonly SemaphoreSlim _entered = new(0);
    private readonly ManualResetEventSlim _gate = new(false);

    [OneTimeSetUp]
    public async Task DeploySlowModel()
    {
        // The model blocks its thread, as a CPU-bound model does: for the milliseconds its input names, or, given -1, until
        // the test opens the gate (so a test sees a request in progress however fast or slow the machine is).
        Emulator.Scorers.Register(SlowModel, request =>
        {
            double milliseconds = request["input_data"]?["data"]?[0]?[0]?.GetValue<double>() ?? 0;
            if (milliseconds < 0)
            {
                _entered.Release();
                _gate.Wait(Eventually.Deadline);
            }
            else
            {
                Thread.Sleep((int)milliseconds);
            }
            return new JsonArray(42.0);
        });
        Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = SlowModel, Type = ModelType.MlflowModel, Path = "azureml://datastores/workspaceblobstore/paths/slow" })).Value;
        _endpoint = UniqueName("slow");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(_endpoint));
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("one", _endpoint)
        {
            Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1,
            RequestSettings = new OnlineRequestSettings { RequestTimeout = TimeSpan.FromMilliseconds(800), MaxConcurrentRequestsPerInstance = 1 },
        });
        // A deployment that waits as long as the service allows, so a held request stays in progress until released.
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment(Patient, _endpoint)
        {
            Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1,
            RequestSettings = new OnlineRequestSettings { RequestTimeout = TimeSpan.FromSeconds(90), MaxConcurrentRequestsPerInstance = 1 },
        });
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, _endpoint, new Dictionary<string, int> { ["one"] = 100 });
    }

    [SetUp]
    public void CloseTheGate()
    {
        _gate.Reset();
        Assert.That(_entered.CurrentCount, Is.Zero, "every test waits for each held request it sent to reach the model");
    }

    [TearDown]
    public void OpenTheGate() => _gate.Set();

    [OneTimeTearDown]
    public void DisposeTheGate()
    {
        _gate.Set();
        _gate.Dispose();
        _entered.Dispose();
    }

    /// <summary>Waits until a held request has reached the model.</summary>
    private async Task ModelEnteredAsync() =>
        Assert.That(await _entered.WaitAsync(Eventually.Deadline), Is.True, "a held request reached the model");

    private static ScoringPayload Taking(int milliseconds) => ScoringPayload.FromRows(["x"], [[(double)milliseconds]]);

    private MLClient ClientWith(Action<ScoringClientOptions> configure)
    {
        MLClientOptions options = EmulatorClients.Options(Emulator);
        options.Scoring.RetryDelay = TimeSpan.FromMilliseconds(20);
        configure(options.Scoring);
        return EmulatorClients.Create(Emulator, options: options);
    }

    [Test]
    public async Task AModelSlowerThanTheDeploymentsRequestTimeoutIsA408WithTheServicesMessageAndRequestId()
    {
        var timedOut = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(_endpoint, Held));
        await ModelEnteredAsync();

        Assert.That(timedOut!.Status, Is.EqualTo(408));
        Assert.That(timedOut.Message, Does.Contain("timed out after 800 ms (requestSettings.requestTimeout)"));
        Assert.That(timedOut.RequestId, Is.Not.Null.And.Not.Empty);
        Assert.That(timedOut.Message, Does.Contain("Request id: " + timedOut.RequestId));
        Assert.That(ScoreCalls(), Is.EqualTo(1), "a 408 is not retried: the same request would time out again");
    }

    [Test]
    public async Task BeyondTheConcurrencyLimitCallsGet429AndTheRetriesGetThrough()
    {
        MLClient noRetries = ClientWith(o => o.MaxRetries = 0);
        Task<Response<ScoringResult>> busy = noRetries.OnlineEndpoints.InvokeAsync(_endpoint, Held, Patient);
        await ModelEnteredAsync();

        var refused = Assert.ThrowsAsync<ScoringException>(() => noRetries.OnlineEndpoints.InvokeAsync(_endpoint, Row, Patient));
        Assert.That(refused!.Status, Is.EqualTo(429), "one instance with maxConcurrentRequestsPerInstance 1 serves one call at a time");
        Assert.That(refused.Message, Does.Contain("is already serving 1 request(s)"));

        // Retried with backoff (20 ms doubling, ten times: seconds of room), two callers get through once the first call ends.
        MLClient retrying = ClientWith(o => o.MaxRetries = 10);
        Task<Response<ScoringResult>>[] waiting = [.. Enumerable.Range(0, 2).Select(_ => retrying.OnlineEndpoints.InvokeAsync(_endpoint, Row, Patient))];
        await Eventually.UntilAsync(() => Emulator.Requests.Snapshot().Count(r => r.Path.EndsWith($"/{_endpoint}/score", StringComparison.Ordinal) && r.StatusCode == 429) >= 3,
            "both retrying callers were refused while the first call was served");
        _gate.Set();
        Response<ScoringResult>[] results = await Task.WhenAll(waiting.Prepend(busy));
        Assert.That(results.Select(r => r.Value.ToDoubleArray()[0]), Is.EqualTo(new[] { 42.0, 42.0, 42.0 }));
    }

    [Test]
    public void AnAttemptSlowerThanTheAttemptTimeoutIsRetriedThenReportedAsATimeout()
    {
        MLClient impatient = ClientWith(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(150); o.MaxRetries = 1; });

        var timeout = Assert.ThrowsAsync<TimeoutException>(() => impatient.OnlineEndpoints.InvokeAsync(_endpoint, Taking(600)));

        Assert.That(timeout!.Message, Does.Contain("got no answer within the attempt timeout of 150 ms"));
        Assert.That(ScoreCalls(), Is.EqualTo(2), "the timed-out attempt and one retry");
    }

    [Test]
    public void ATransientFailureIsTriedExactlyOnePlusMaxRetriesTimes()
    {
        // The first attempt goes out without Polly; its failure is handed to Polly as Polly's own first attempt, so it
        // must count as one (not zero, not two).
        Emulator.Faults.Add(new Emulator.Faults.FaultRule { Method = "POST", PathEndsWith = $"/{_endpoint}/score", StatusCode = 503, Count = 100 });
        MLClient twice = ClientWith(o => o.MaxRetries = 2);

        var failure = Assert.ThrowsAsync<ScoringException>(() => twice.OnlineEndpoints.InvokeAsync(_endpoint, Row));
        int async = ScoreCalls();
        Assert.That(Assert.Throws<ScoringException>(() => twice.OnlineEndpoints.Invoke(_endpoint, Row))!.Status, Is.EqualTo(503));

        Assert.That(failure!.Status, Is.EqualTo(503));
        Assert.That(async, Is.EqualTo(3));
        Assert.That(ScoreCalls(), Is.EqualTo(6), "the sync twin tries as often");
    }

    [Test]
    public void TheOverallTimeoutBoundsRetriesAndDelays()
    {
        // The service asks for a 20 s pause before the retry; the 400 ms overall limit ends the call during that pause.
        // Were the limit ignored, the retry after the pause would get through and the call would return a result.
        Emulator.Faults.Add(new Emulator.Faults.FaultRule { Method = "POST", PathEndsWith = $"/{_endpoint}/score", StatusCode = 503, RetryAfter = TimeSpan.FromSeconds(20) });
        MLClient bounded = ClientWith(o => { o.MaxRetries = 100; o.OverallTimeout = TimeSpan.FromMilliseconds(400); });

        var timeout = Assert.ThrowsAsync<TimeoutException>(() => bounded.OnlineEndpoints.InvokeAsync(_endpoint, Row));

        Assert.That(timeout!.Message, Does.Contain("400 ms"));
        Assert.That(ScoreCalls(), Is.EqualTo(1), "the first attempt's 503, then the limit ended the pause before a retry");
    }

    [Test]
    public void AnOpenCircuitFailsFastWithoutCallingTheService()
    {
        Emulator.Faults.Add(new Emulator.Faults.FaultRule { Method = "POST", PathEndsWith = $"/{_endpoint}/score", StatusCode = 503, Count = 1000 });
        MLClient guarded = ClientWith(o => { o.MaxRetries = 0; o.EnableCircuitBreaker = true; o.CircuitBreakDuration = TimeSpan.FromSeconds(30); });

        for (int i = 0; i < 10; i++)
        {
            Assert.That(Assert.ThrowsAsync<ScoringException>(() => guarded.OnlineEndpoints.InvokeAsync(_endpoint, Row))!.Status, Is.EqualTo(503));
        }
        int sent = ScoreCalls();
        Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(() => guarded.OnlineEndpoints.InvokeAsync(_endpoint, Row));

        Assert.That(sent, Is.EqualTo(10));
        Assert.That(ScoreCalls(), Is.EqualTo(sent), "an open circuit sends nothing");
    }

    [Test]
    public void ADeploymentThatDoesNotExistIsA404WithTheServicesMessage()
    {
        var missing = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(_endpoint, Row, "nosuch"));

        Assert.That(missing!.Status, Is.EqualTo(404));
        Assert.That(missing.Message, Does.Contain("deployment 'nosuch'"));
        Assert.That(missing.RequestId, Is.Not.Null);
    }

    private int ScoreCalls() => Emulator.Requests.Snapshot().Count(r => r.Method == "POST" && r.Path.EndsWith($"/{_endpoint}/score", StringComparison.Ordinal));
}
