using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using AzureMlflow.Deploy.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AzureMlflow.Deploy.Aspire.Tests.Sample;

/// <summary>
/// The sample app model (samples/Aspire/AppHost) started as a test, through Aspire.Hosting.Testing and Aspire's real
/// orchestrator: the workspace emulator comes up with the sample model deployed, the web API waits for it, and its
/// predictions are the model's own. Stopping the app stops everything the app started.
/// </summary>
[NonParallelizable]
public sealed class SampleAppHostTests
{
    // Starting the orchestrator, building nothing (the test built the API) and seeding the model: well under this on
    // an idle machine, a lot more on a busy 2-core one. It is a deadline, not a measurement.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private DistributedApplication _app = null!;
    private bool _stopped;

    [OneTimeSetUp]
    public async Task StartTheApp()
    {
        ProcessTree.RequireLinux();
        using var deadline = new CancellationTokenSource(Deadline);
        IDistributedApplicationTestingBuilder builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(deadline.Token);
        _app = await builder.BuildAsync(deadline.Token);
        await _app.StartAsync(deadline.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("ml", deadline.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("api", deadline.Token);
    }

    [OneTimeTearDown]
    public async Task StopTheApp()
    {
        if (!_stopped && _app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task TheApiScoresTheSampleModelThroughTheClientIntegration()
    {
        List<double[]> rows = SampleModel.SampleRows();
        string[] columns = SampleModel.Columns;
        var patients = rows.Select(row => columns.Select((c, i) => (c, row[i])).ToDictionary(p => p.c, p => p.Item2)).ToList();
        using HttpClient api = _app.CreateHttpClient("api");

        using HttpResponseMessage response = await api.PostAsJsonAsync("/predict", patients);

        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, body);
        using JsonDocument answer = JsonDocument.Parse(body);
        double[] predictions = answer.RootElement.GetProperty("predictions").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.That(predictions, Is.EqualTo(rows.Select(SampleModel.Predict).ToArray()).Within(1e-4));
        Assert.That(answer.RootElement.GetProperty("deployment").GetString(), Is.EqualTo("default"));
    }

    [Test, Order(2)]
    public async Task TheDashboardLinksTheStudioAndShowsTheEmulatorsLog()
    {
        Assert.That(_app.ResourceNotifications.TryGetCurrentState("ml", out ResourceEvent? ml), Is.True);
        UrlSnapshot studio = ml!.Snapshot.Urls.Single(u => u.Name == "studio");
        using (var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }))
        {
            // Only reachability of the linked page is asked here; the certificate is the emulator's self-signed one.
            string page = await http.GetStringAsync(studio.Url);
            Assert.That(page, Does.Contain("<html").IgnoreCase);
        }
        Assert.That(ml.Snapshot.Properties.Single(p => p.Name == "workspace").Value?.ToString(), Does.Contain("/workspaces/"));

        // The emulator's own log lines, as the dashboard's console view shows them: its start and the seeded deployment.
        var logs = _app.Services.GetRequiredService<ResourceLoggerService>();
        var seen = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await foreach (IReadOnlyList<LogLine> batch in logs.WatchAsync("ml").WithCancellation(deadline.Token))
        {
            seen.AddRange(batch.Select(l => l.Content));
            if (seen.Any(l => l.Contains("Deployed diabetes version", StringComparison.Ordinal)) && seen.Any(l => l.Contains("studio at", StringComparison.Ordinal)))
            {
                break;
            }
        }
        Assert.That(seen, Has.Some.Contains("Azure ML workspace emulator listening on https://127.0.0.1:"));
    }

    [Test, Order(3)]
    public async Task StoppingTheAppStopsTheEmulatorTheApiAndTheOrchestrator()
    {
        int self = Environment.ProcessId;
        List<ProcessTree.Entry> before = Started(self);
        Assert.That(before.Select(p => p.CommandLine), Has.Some.Contains("azurite").And.Some.Contains("/Api"), "the app's processes before it stops");

        _stopped = true;
        await _app.DisposeAsync();

        // The orchestrator (dcp) is not our child: it watches our process id and goes when the app tells it to.
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        List<ProcessTree.Entry> left = Started(self);
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            left = Started(self);
        }
        Assert.That(left.Select(p => $"{p.Pid}: {p.CommandLine}"), Is.Empty);
    }

    /// <summary>What this app started: our descendants (Azurite, Python workers) and the orchestrator's processes (the API).</summary>
    private static List<ProcessTree.Entry> Started(int self)
    {
        List<ProcessTree.Entry> orchestrators = ProcessTree.All().Where(p => p.CommandLine.Contains($"--monitor {self}", StringComparison.Ordinal)).ToList();
        return [.. ProcessTree.Descendants(self).Where(p => !p.CommandLine.Contains("vstest", StringComparison.OrdinalIgnoreCase)),
            .. orchestrators, .. orchestrators.SelectMany(o => ProcessTree.Descendants(o.Pid))];
    }
}
