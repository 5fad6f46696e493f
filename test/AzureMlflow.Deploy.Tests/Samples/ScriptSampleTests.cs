using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>
/// The dotnet-script samples (samples/scripts/*.csx) run unchanged against an emulator they reach through its
/// connection file, as a user does with <c>azureml-emulator --connection-file emulator.json</c> and <c>dotnet script</c>.
/// </summary>
[NonParallelizable]
public sealed class ScriptSampleTests
{
    private static readonly string[] AzureSettings = ["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZUREML_WORKSPACE_NAME"];
    private WorkspaceEmulator _emulator = null!;
    private MLClient _client = null!;
    private string _connectionFile = null!;
    private readonly Dictionary<string, string?> _savedEnvironment = [];
    private TextWriter _console = null!;
    private StringWriter _output = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _emulator = await EmulatorClients.StartFastAsync(o => o.Storage = EmulatorStorage.Azurite);
        _client = EmulatorClients.Create(_emulator);
        _connectionFile = Path.Combine(Path.GetTempPath(), $"emulator-{Guid.NewGuid():N}.json");
        await _emulator.WriteConnectionFileAsync(_connectionFile);
        foreach (string name in AzureSettings.Append("AZUREML_EMULATOR_CONFIG"))
        {
            _savedEnvironment[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null); // the scripts must take the emulator path here
        }
        Environment.SetEnvironmentVariable("AZUREML_EMULATOR_CONFIG", _connectionFile);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        foreach ((string name, string? value) in _savedEnvironment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
        File.Delete(_connectionFile);
        await _emulator.DisposeAsync();
    }

    [SetUp]
    public void CaptureConsole()
    {
        _console = Console.Out;
        _output = new StringWriter();
        Console.SetOut(_output);
    }

    [TearDown]
    public void RestoreConsole() => Console.SetOut(_console);

    private static string Script(string name) => RepositoryPaths.Combine("samples", "scripts", name);

    [Test]
    public async Task DeployInvokeAndTearDownScriptsRunAgainstTheEmulator()
    {
        await ScriptHost.RunAsync(Script("deploy.csx"), "script-ep");

        OnlineEndpoint endpoint = (await _client.OnlineEndpoints.GetAsync("script-ep")).Value;
        Assert.That(endpoint.Traffic["blue"], Is.EqualTo(100));
        Assert.That(_output.ToString(), Does.Contain("Deployed blue to script-ep with 100% of the traffic"));

        await ScriptHost.RunAsync(Script("invoke.csx"), "script-ep");

        string expected = string.Join(", ", SampleModel.SampleRows().Select(SampleModel.Predict).Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(_output.ToString(), Does.Contain("blue predicts: " + expected));

        await ScriptHost.RunAsync(Script("teardown.csx"), "script-ep");

        Assert.That(Assert.ThrowsAsync<Azure.RequestFailedException>(() => _client.OnlineEndpoints.GetAsync("script-ep"))!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task TheBatchScriptScoresAFolderAndCleansUp()
    {
        await ScriptHost.RunAsync(Script("batch.csx"));

        string output = _output.ToString();
        Assert.That(output, Does.Contain(": Completed"));
        Assert.That(output, Does.Contain($"predictions.csv: {SampleModel.SampleRows().Count} predictions"));
        Assert.That(_client.BatchEndpoints.List().Select(e => e.Name), Is.Empty, "the script deletes its endpoint");
    }
}
