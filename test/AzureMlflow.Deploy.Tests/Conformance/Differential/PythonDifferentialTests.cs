using System.Diagnostics;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Conformance.Differential;

/// <summary>
/// The SDK request for request with Python's azure-ai-ml, on every operation group: each step runs through Python
/// against one emulator and through the SDK against another, identical one, and what each emulator received is
/// compared (<see cref="ExchangeComparison"/>). A difference fails its step unless docs/emulator-fidelity.md's table of known
/// differences lists it with its reason; a row that explains nothing fails too.
/// </summary>
[NonParallelizable]
public sealed class PythonDifferentialTests
{
    private readonly Dictionary<string, (string? Failure, List<string> Differences)> _results = [];
    private KnownDifferences _known = null!;
    private string _work = null!;

    public static IEnumerable<TestCaseData> Steps() => DifferentialSteps.Names.Select(s => new TestCaseData(s).SetName($"Python vs SDK: {s}"));

    [OneTimeSetUp]
    public async Task RunBothClientsAsync()
    {
        string python = PythonForTests.RequireAzureMl();
        _known = KnownDifferences.FromDocs();
        _work = Directory.CreateTempSubdirectory("differential-").FullName;
        await using WorkspaceEmulator forPython = await StartAsync(python);
        await using WorkspaceEmulator forSdk = await StartAsync(python);
        string connection = Path.Combine(_work, "emulator.json");
        await forPython.WriteConnectionFileAsync(connection);

        ProcessStartInfo start = ChildProcess.StartInfo(python, ScenarioSteps.Folder, "-u", Path.Combine(ScenarioSteps.Folder, "python", "differential.py"), connection);
        start.RedirectStandardInput = true;
        start.Environment["DIFFERENTIAL_SAMPLES"] = RepositoryPaths.Combine("samples");
        using Process driver = Process.Start(start)!;
        _ = driver.StandardError.ReadToEndAsync();
        try
        {
            JsonObject ready = await ReadAnswerAsync(driver);
            Assert.That(ready["steps"]!.AsArray().Select(s => (string)s!), Is.EqualTo(DifferentialSteps.Names), "differential.py and DifferentialSteps.cs have the same steps, in the same order");
            var sdk = new DifferentialSteps(EmulatorClients.Create(forSdk), _work);
            foreach (string step in DifferentialSteps.Names)
            {
                forPython.Requests.Clear();
                forSdk.Requests.Clear();
                await driver.StandardInput.WriteLineAsync(step);
                JsonObject answer = await ReadAnswerAsync(driver);
                string? failure = (bool)answer["ok"]! ? null : $"Python: {answer["error"]}\n{answer["trace"]}";
                try
                {
                    await sdk.RunAsync(step);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failure = (failure is null ? "" : failure + "\n") + $"SDK: {ex}";
                }
                List<string> differences = ExchangeComparison.Compare(step, Canonical(forPython.Requests), Canonical(forSdk.Requests));
                _results[step] = (failure, differences);
            }
            // For people: every difference seen, listed or not, under artifacts/.
            string report = RepositoryPaths.Combine("artifacts", "differential");
            Directory.CreateDirectory(report);
            await File.WriteAllLinesAsync(Path.Combine(report, "differences.txt"), _results.Values.SelectMany(r => r.Differences));
        }
        finally
        {
            driver.StandardInput.Close();
            if (!driver.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                driver.Kill(entireProcessTree: true);
            }
        }
    }

    [OneTimeTearDown]
    public void RemoveFolder() => Directory.Delete(_work, recursive: true);

    [TestCaseSource(nameof(Steps))]
    public void TheStepSendsWhatPythonSends(string step)
    {
        Assert.That(_results.TryGetValue(step, out var result), Is.True, $"'{step}' did not run");
        Assert.That(result.Failure, Is.Null, "both clients must complete the step");
        Assert.That(result.Differences.Where(d => !_known.Explains(d)).ToList(), Is.Empty,
            "differences from Python's requests that the table of known differences (docs/emulator-fidelity.md) does not list");
    }

    [Test, Order(int.MaxValue)]
    public void EveryKnownDifferenceIsStillSeen()
    {
        Assert.That(_results.Count, Is.EqualTo(DifferentialSteps.Names.Length), "every step ran");
        foreach (string difference in _results.Values.SelectMany(r => r.Differences))
        {
            _known.Explains(difference);
        }
        Assert.That(_known.Unused, Is.Empty, "rows of the known-differences table (docs/emulator-fidelity.md) that no difference needs any more");
    }

    /// <summary>An emulator with the sample files uploaded where both clients' steps name them.</summary>
    private async Task<WorkspaceEmulator> StartAsync(string python)
    {
        WorkspaceEmulator emulator = await WorkspaceEmulator.StartAsync(new EmulatorOptions { ProvisioningDuration = TimeSpan.Zero, PythonExecutable = python });
        var container = emulator.BlobService!.GetBlobContainerClient(emulator.DefaultDatastoreContainer);
        string model = SampleModel.FolderOf("diabetes-sklearn");
        foreach (string file in Directory.EnumerateFiles(model))
        {
            await container.GetBlobClient($"differential/models/diabetes-sklearn/{Path.GetFileName(file)}").UploadAsync(file, overwrite: true);
        }
        await container.GetBlobClient("differential/code/score.py").UploadAsync(BinaryData.FromString("def init():\n    pass\n\n\ndef run(raw_data):\n    return raw_data\n"), overwrite: true);
        foreach (string part in new[] { "part-1.csv", "part-2.csv" })
        {
            await container.GetBlobClient($"differential/batch/{part}").UploadAsync(SampleModel.SampleCsv, overwrite: true);
        }
        return emulator;
    }

    private static List<Exchange> Canonical(RequestLog log) => [.. log.Snapshot().Select(ExchangeComparison.Canonical)];

    private static async Task<JsonObject> ReadAnswerAsync(Process driver)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string line = await driver.StandardOutput.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("differential.py stopped answering");
        return JsonNode.Parse(line)!.AsObject();
    }
}
