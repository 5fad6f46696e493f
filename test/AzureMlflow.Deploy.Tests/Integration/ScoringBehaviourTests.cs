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
    private string _endpoint = null!;
    private static readonly ScoringPayload Row = ScoringPayload.FromRows(["x"], [[1.0]]);

    [OneTimeSetUp]
    public async Task DeploySlowModel()
    {
        // The slow model blocks its thread, as a CPU-bound model does; the emulator runs it on the thread pool, which on a
        // 2-core machine starts with 2 threads and adds more only slowly, so concurrent calls could be served one by one.
        ThreadPool.GetMinThreads(out int workers, out int completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completion);
        Emulator.Scorers.Register(SlowModel, request =>
        {
            int delay = request["input_data"]?["data"]?[0]?[0]?.GetValue<double>() is double ms ? (int)ms : 0;
            Thread.Sleep(delay);
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
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, _endpoint, new Dictionary<string, int> { ["one"] = 100 });
    }

    private static ScoringPayload Taking(int milliseconds) => ScoringPayload.FromRows(["x"], [[(double)milliseconds]]);

    private MLClient ClientWith(Action<ScoringClientOptions> configure)
    {
        MLClientOptions options = EmulatorClients.Options(Emulator);
        options.Scoring.RetryDelay = TimeSpan.FromMilliseconds(20);
        configure(options.Scoring);
        return EmulatorClients.Create(Emulator, options: options);
    }

    [Test]
    public void AModelSlowerThanTheDeploymentsRequestTimeoutIsA408WithTheServicesMessageAndRequestId()
    {
        var timedOut = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(_endpoint, Taking(1500)));

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
        Task<ScoringResult>[] calls = [.. Enumerable.Range(0, 3).Select(_ => noRetries.OnlineEndpoints.InvokeAsync(_endpoint, Taking(300)))];
        Exception[] failures = [.. (await Task.WhenAll(calls.Select(c => c.ContinueWith(t => t.Exception?.InnerException)))).OfType<Exception>()];

        Assert.That(failures, Is.Not.Empty, "one instance with maxConcurrentRequestsPerInstance 1 serves one call at a time");
        Assert.That(failures, Has.All.TypeOf<ScoringException>().With.Property(nameof(ScoringException.Status)).EqualTo(429));
        Assert.That(failures[0].Message, Does.Contain("is already serving 1 request(s)"));

        MLClient retrying = ClientWith(o => o.MaxRetries = 10);
        ScoringResult[] results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => retrying.OnlineEndpoints.InvokeAsync(_endpoint, Taking(100))));
        Assert.That(results.Select(r => r.ToDoubleArray()[0]), Is.EqualTo(new[] { 42.0, 42.0, 42.0 }));
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
        Emulator.Faults.Add(new Emulator.Faults.FaultRule { Method = "POST", PathEndsWith = $"/{_endpoint}/score", StatusCode = 503, Count = 100 });
        MLClient bounded = ClientWith(o => { o.MaxRetries = 100; o.OverallTimeout = TimeSpan.FromMilliseconds(400); });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var timeout = Assert.ThrowsAsync<TimeoutException>(() => bounded.OnlineEndpoints.InvokeAsync(_endpoint, Row));

        Assert.That(timeout!.Message, Does.Contain("400 ms"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(ScoreCalls(), Is.InRange(2, 99), "503s were retried until the overall limit");
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
