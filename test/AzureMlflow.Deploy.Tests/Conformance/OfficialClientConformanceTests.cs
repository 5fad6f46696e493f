using System.Diagnostics;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Conformance;

/// <summary>
/// An official Azure client that nobody here wrote, run unmodified against the emulator through a whole scenario: one
/// test per step. The scenario runs once per fixture (every step against one emulator, as a user's session would);
/// each test then reads its step's result: passed, or, for a step <c>client-limited.md</c> lists, failed for the reason
/// the table gives.
/// </summary>
[NonParallelizable]
public abstract class OfficialClientConformanceTests
{
    /// <summary>A batch endpoint whose jobs the emulator holds queued, so the scenario can cancel one.</summary>
    private const string HeldBatch = "held-batch";

    private WorkspaceEmulator? _emulator;
    private OperationHold? _heldJobs;
    private string? _folder;
    private Dictionary<string, StepResult> _results = [];
    private string _output = string.Empty;

    /// <summary><c>python</c> or <c>js</c>, as <c>client-limited.md</c> names the client.</summary>
    private protected abstract string Client { get; }

    /// <summary>The program and arguments that run the scenario (the connection file and the report are appended).</summary>
    private protected abstract ProcessStartInfo ScenarioProcess(string connectionFile, string reportFile);

    [OneTimeSetUp]
    public async Task RunTheScenarioAsync()
    {
        _folder = Directory.CreateTempSubdirectory($"conformance-{Client}-").FullName;
        string connection = Path.Combine(_folder, "emulator.json");
        string report = Path.Combine(_folder, "report.jsonl");
        ProcessStartInfo start = ScenarioProcess(connection, report); // ignores the fixture when its prerequisites are missing

        // No provisioning time: azure-ai-ml waits 5 to 30 s between polls of an operation still in progress, so
        // operations end at once; the suite's other tests hold them open where it matters.
        _emulator = await WorkspaceEmulator.StartAsync(new EmulatorOptions { ProvisioningDuration = TimeSpan.Zero, PythonExecutable = PythonForTests.Require() });
        _heldJobs = _emulator.HoldJobs(HeldBatch);
        await _emulator.WriteConnectionFileAsync(connection);
        string certificate = Path.Combine(_folder, "emulator.pem");
        await File.WriteAllTextAsync(certificate, _emulator.Certificate.ExportCertificatePem());
        start.Environment["CONFORMANCE_SAMPLES"] = RepositoryPaths.Combine("samples");
        start.Environment["CONFORMANCE_HELD_BATCH"] = HeldBatch;
        start.Environment["CONFORMANCE_RUN"] = "ci";
        start.Environment["NODE_EXTRA_CA_CERTS"] = certificate;
        (_, _output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(15));
        _results = ScenarioSteps.Read(report);
        await TestContext.Progress.WriteLineAsync($"{Client} scenario: {_results.Values.Count(r => r.Ok)} of {_results.Count} steps passed.");
    }

    [OneTimeTearDown]
    public async Task StopTheEmulatorAsync()
    {
        _heldJobs?.Release();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The step passed, or failed for the reason <c>client-limited.md</c> gives for it.</summary>
    private protected void AssertStep(string step)
    {
        Assert.That(_results.TryGetValue(step, out StepResult? result), Is.True,
            $"The step '{step}' did not run. The scenario printed:\n{Tail(_output)}");
        if (ScenarioSteps.ClientLimited(Client).TryGetValue(step, out string? shows))
        {
            Assert.That(result!.Ok, Is.False, $"'{step}' passed: the client no longer has the limit client-limited.md gives; remove its row.");
            Assert.That(result.Error, Does.Contain(shows), "The step failed, but not for the reason client-limited.md gives.");
            return;
        }
        Assert.That(result!.Ok, Is.True, $"{result.Error}\n{result.Trace}");
    }

    /// <summary>Every client-limited row names a step of the scenario (a renamed step leaves no stale row).</summary>
    private protected void AssertEveryLimitedStepExists(string scenarioFile) =>
        Assert.That(ScenarioSteps.ClientLimited(Client).Keys, Is.SubsetOf(ScenarioSteps.Declared(scenarioFile)));

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}
