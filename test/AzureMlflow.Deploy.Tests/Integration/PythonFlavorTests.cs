using System.Text.Json;
using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>
/// MLflow models of the flavors users really register, served by the emulator through a local Python as the service's
/// MLflow server serves them; the answers are compared with the library's own predictions, stored beside each sample
/// model by eng/train-python-models.py.
/// </summary>
public sealed class PythonFlavorTests : EmulatorTestBase
{
    private string _endpoint = null!;

    protected override void Configure(EmulatorOptions options) => options.PythonExecutable = PythonForTests.Require();

    [OneTimeSetUp]
    public async Task CreateEndpoint()
    {
        _endpoint = UniqueName("py");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(_endpoint));
    }

    [TestCase("diabetes-sklearn", "sklearn")]
    [TestCase("diabetes-xgboost", "xgboost")]
    public async Task ADeployedModelAnswersWhatTheLibraryPredicts(string sample, string deployment)
    {
        string folder = SampleModel.FolderOf(sample);
        Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = sample, Type = ModelType.MlflowModel, Path = folder })).Value;
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment(deployment, _endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });

        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(folder + ".expected.json"));
        string[] columns = [.. expected.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];
        List<object?[]> rows = [.. expected.RootElement.GetProperty("data").EnumerateArray().Select(r => r.EnumerateArray().Select(v => (object?)v.GetDouble()).ToArray())];
        double[] predictions = [.. expected.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble())];

        ScoringResult result = (await Client.OnlineEndpoints.InvokeAsync(_endpoint, ScoringPayload.FromRows(columns, rows), deployment)).Value;

        Assert.That(result.ToDoubleArray(), Is.EqualTo(predictions).Within(1e-9), "the emulator ran the model itself");
        Assert.That(predictions.Distinct().Count(), Is.EqualTo(predictions.Length), "the rows give different predictions, so a wrong row order would show");
    }

    [Test]
    public async Task ABatchJobScoresFilesThroughTheSameModelServer()
    {
        string folder = SampleModel.FolderOf("diabetes-xgboost");
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(folder + ".expected.json"));
        string input = Directory.CreateTempSubdirectory("aml-py-batch-").FullName;
        try
        {
            string header = string.Join(",", expected.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
            string[] rows = [.. expected.RootElement.GetProperty("data").EnumerateArray().Select(r => string.Join(",", r.EnumerateArray().Select(v => v.GetRawText())))];
            File.WriteAllLines(Path.Combine(input, "a.csv"), [header, .. rows.Take(2)]);
            File.WriteAllLines(Path.Combine(input, "b.csv"), [header, .. rows.Skip(2)]);
            string endpoint = UniqueName("pybatch");
            await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpoint));
            await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchDeployment("xgb", endpoint)
            {
                Model = new Model { Name = "diabetes-xgboost", Type = ModelType.MlflowModel, Path = folder }, Compute = await CreateClusterAsync(), MiniBatchSize = 1,
            });

            BatchJob job = (await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFolder(input), "xgb")).Value;
            await foreach (JobEvent _ in Client.Jobs.StreamAsync(job.Name))
            {
            }
            string output = Path.Combine(input, "out");
            string predictions = (await Client.Jobs.DownloadOutputsAsync(job.Name, output)).Value.Single();

            string[] lines = File.ReadAllLines(predictions);
            double[] scored = [.. lines.Select(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))];
            Assert.That(lines.Select(l => l.Split(',')[2]), Is.EqualTo(new[] { "a.csv", "a.csv", "b.csv", "b.csv", "b.csv" }));
            Assert.That(scored, Is.EqualTo(expected.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble())).Within(1e-4),
                "XGBoost's own predictions (float32, as the library computes them)");
        }
        finally
        {
            Directory.Delete(input, recursive: true);
        }
    }

    [Test]
    public async Task APythonFunctionLoaderModuleGetsTensorsOfItsSignaturesDtype()
    {
        // A custom python_function model: its loader module ships in the model's code folder, as MLflow saves one.
        string folder = Directory.CreateTempSubdirectory("aml-pyfunc-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "MLmodel"), """
                flavors:
                  python_function:
                    loader_module: scaler
                    code: code
                    data: factor.txt
                signature:
                  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 2]}}]'
                  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 2]}}]'
                """);
            File.WriteAllText(Path.Combine(folder, "factor.txt"), "3");
            Directory.CreateDirectory(Path.Combine(folder, "code"));
            File.WriteAllText(Path.Combine(folder, "code", "scaler.py"), """
                class _Scaler:
                    def __init__(self, factor):
                        self.factor = factor

                    def predict(self, data):
                        if str(data.dtype) != "float32":
                            raise TypeError(f"expected float32, got {data.dtype}")
                        return data * self.factor


                def _load_pyfunc(path):
                    with open(path) as f:
                        return _Scaler(float(f.read()))
                """);
            Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("scaler"), Type = ModelType.MlflowModel, Path = folder })).Value;
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("pyfunc", _endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });

            ScoringResult result = (await Client.OnlineEndpoints.InvokeAsync(_endpoint, ScoringPayload.FromTensor(new float[,] { { 1, 2 }, { 3, 4 } }), "pyfunc")).Value;

            Assert.That(result.Content.ToString().Replace(" ", ""), Is.EqualTo("[[3.0,6.0],[9.0,12.0]]"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task BadInputIsRefusedAsTheMlflowServerRefusesIt()
    {
        string folder = SampleModel.FolderOf("diabetes-sklearn");
        Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = "diabetes-sklearn", Type = ModelType.MlflowModel, Path = folder })).Value;
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("bad-input", _endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });

        // The SDK would refuse this payload against the signature; send it raw, as another client might.
        ScoringException error = Assert.ThrowsAsync<ScoringException>(async () =>
            await Client.OnlineEndpoints.InvokeAsync(_endpoint, BinaryData.FromString("{\"input_data\":{\"columns\":[\"sex\"],\"data\":[[0.05]]}}"), "bad-input"))!;
        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Message, Does.Contain("Model is missing inputs ['age', 'bmi'"));
        ScoringException noInput = Assert.ThrowsAsync<ScoringException>(async () =>
            await Client.OnlineEndpoints.InvokeAsync(_endpoint, BinaryData.FromString("{\"inputs\": [[0.05]]}"), "bad-input"))!;
        Assert.That(noInput.Status, Is.EqualTo(400));
        Assert.That(noInput.Message, Does.Contain("A value is not provided for the 'input_data' parameter."));
        ScoringException records = Assert.ThrowsAsync<ScoringException>(async () =>
            await Client.OnlineEndpoints.InvokeAsync(_endpoint, BinaryData.FromString("{\"input_data\": [{\"age\": 0.01, \"sex\": 0.05}]}"), "bad-input"))!;
        Assert.That(records.Status, Is.EqualTo(400));
        Assert.That(records.Message, Does.Contain("reads DataFrames in split orientation only"));
    }

    [Test]
    public async Task WithoutPythonTheDeploymentFailsSayingWhatIsMissing()
    {
        await using WorkspaceEmulator emulator = await EmulatorClients.StartFastAsync(o => o.PythonExecutable = Path.Combine(Path.GetTempPath(), "no-such-python", "python3"));
        MLClient client = EmulatorClients.Create(emulator);
        await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint("no-python"));
        Model model = (await client.Models.CreateOrUpdateAsync(new Model { Name = "diabetes-sklearn", Type = ModelType.MlflowModel, Path = SampleModel.FolderOf("diabetes-sklearn") })).Value;

        RequestFailedException failure = Assert.ThrowsAsync<RequestFailedException>(async () =>
            await client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", "no-python") { Model = model, InstanceType = "Standard_DS3_v2" }))!;
        Assert.That(failure.Message, Does.Contain("could not be started").And.Contain("EmulatorOptions.PythonExecutable"), "at deployment time, not at the first request");
    }

    [Test]
    public async Task AModelWhoseLibraryIsMissingFailsItsDeploymentWithTheImportErrorInTheLogs()
    {
        // A python_function model whose loader module the environment does not have.
        string folder = Directory.CreateTempSubdirectory("aml-missing-lib-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "MLmodel"),
                "flavors:\n  python_function:\n    loader_module: emulator_test_library_nobody_has\n    data: model.bin\n    env:\n      conda: conda.yaml\n");
            File.WriteAllText(Path.Combine(folder, "conda.yaml"), "dependencies:\n- python=3.11\n- pip:\n  - mlflow==2.9.2\n  - azureml-ai-monitoring\n");
            File.WriteAllText(Path.Combine(folder, "model.bin"), "weights");
            Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("missing"), Type = ModelType.MlflowModel, Path = folder })).Value;

            RequestFailedException failure = Assert.ThrowsAsync<RequestFailedException>(async () =>
                await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("missing-lib", _endpoint) { Model = model, InstanceType = "Standard_DS3_v2" }))!;
            Assert.That(failure.ErrorCode, Is.EqualTo("ResourceNotReady"));
            Assert.That(failure.Message, Does.Contain("User container has crashed or terminated: ModuleNotFoundError: No module named 'emulator_test_library_nobody_has'"));

            string logs = (await Client.OnlineDeployments.GetLogsAsync("missing-lib", _endpoint, lines: 200)).Value;
            Assert.That(logs, Does.Contain("Traceback (most recent call last)").And.Contain("ModuleNotFoundError: No module named 'emulator_test_library_nobody_has'"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
