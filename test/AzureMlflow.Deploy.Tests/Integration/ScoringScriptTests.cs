using System.Text.Json;
using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>
/// Deployments that bring a scoring script: the emulator runs it as Azure ML's inference server does, in a local Python
/// (init() once with AZUREML_MODEL_DIR set, run(raw_data) per request, its output and exceptions in the deployment logs).
/// </summary>
public sealed class ScoringScriptTests : EmulatorTestBase
{
    private const string Image = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest";
    private const string Script = """
        import json
        import os

        import cloudpickle
        import pandas as pd

        model = None
        COLUMNS = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


        def init():
            global model
            print("init: loading", sorted(os.listdir(os.environ["AZUREML_MODEL_DIR"])), "entry", os.environ["AZUREML_ENTRY_SCRIPT"])
            with open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.pkl"), "rb") as f:
                model = cloudpickle.load(f)


        def run(raw_data):
            data = json.loads(raw_data)["data"]
            if data == "boom":
                raise ValueError("boom requested by the test")
            return {"predictions": model.predict(pd.DataFrame(data, columns=COLUMNS)).tolist()}
        """;

    private string _folder = null!;
    private string _endpoint = null!;

    protected override void Configure(EmulatorOptions options) => options.PythonExecutable = PythonForTests.Require();

    [OneTimeSetUp]
    public async Task CreateEndpoint()
    {
        _endpoint = UniqueName("script");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(_endpoint));
    }

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("aml-script-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task AScoringScriptServesAPickledModel()
    {
        string conda = Write("conda.yml", "dependencies:\n- python=3.11\n- pip:\n  - azureml-inference-server-http\n  - scikit-learn==1.2.1\n  - cloudpickle\n");
        Write("src/score.py", Script);
        var deployment = new ManagedOnlineDeployment("scripted", _endpoint)
        {
            // A plain pickle file, not an MLflow model: only a scoring script can serve it.
            Model = new Model { Name = UniqueName("pickle"), Type = ModelType.CustomModel, Path = Path.Combine(SampleModel.FolderOf("diabetes-sklearn"), "model.pkl") },
            InstanceType = "Standard_DS3_v2",
            CodeConfiguration = new CodeConfiguration(Path.Combine(_folder, "src"), "score.py"),
            Environment = new MLEnvironment { Image = Image, CondaFile = conda },
        };
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment);

        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(SampleModel.FolderOf("diabetes-sklearn") + ".expected.json"));
        string rows = expected.RootElement.GetProperty("data").GetRawText();
        ScoringResult result = (await Client.OnlineEndpoints.InvokeAsync(_endpoint, BinaryData.FromString($"{{\"data\": {rows}}}"), "scripted")).Value;

        using JsonDocument answer = result.ToJsonDocument();
        double[] predictions = [.. answer.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble())];
        Assert.That(predictions, Is.EqualTo(expected.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble())).Within(1e-9));

        // An exception in run() is the inference server's 500; its traceback is in the logs, with what init() printed.
        ScoringException failure = Assert.ThrowsAsync<ScoringException>(async () =>
            await Client.OnlineEndpoints.InvokeAsync(_endpoint, BinaryData.FromString("{\"data\": \"boom\"}"), "scripted"))!;
        Assert.That(failure.Status, Is.EqualTo(500));
        Assert.That(failure.Message, Does.Contain("An unexpected error occurred in scoring script. Check the logs for more info."));
        string logs = (await Client.OnlineDeployments.GetLogsAsync("scripted", _endpoint, lines: 200)).Value;
        Assert.That(logs, Does.Contain("init: loading ['model.pkl'] entry score.py")
            .And.Contain("Encountered Exception: Traceback").And.Contain("ValueError: boom requested by the test"));
    }

    [Test]
    public async Task ABatchScoringScriptGetsTheMiniBatchFilesAndItsRowsAreTheOutput()
    {
        string conda = Write("conda.yml", "dependencies:\n- python=3.11\n");
        // run(mini_batch) receives local file paths and returns one row per file, as batch scoring scripts do.
        Write("batch/batch_driver.py", """
            import os

            def init():
                print("batch init, model files:", sorted(os.listdir(os.environ["AZUREML_MODEL_DIR"])))

            def run(mini_batch):
                return [f"{os.path.basename(path)} has {sum(1 for _ in open(path))} lines" for path in mini_batch]
            """);
        Write("input/one.txt", "a\nb\n");
        Write("input/two.txt", "a\nb\nc\n");
        string endpoint = UniqueName("script-batch");
        await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpoint));
        await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchDeployment("driver", endpoint)
        {
            Model = new Model { Name = UniqueName("pickle"), Type = ModelType.CustomModel, Path = Path.Combine(SampleModel.FolderOf("diabetes-sklearn"), "model.pkl") },
            Compute = await CreateClusterAsync(),
            CodeConfiguration = new CodeConfiguration(Path.Combine(_folder, "batch"), "batch_driver.py"),
            Environment = new MLEnvironment { Image = Image, CondaFile = conda },
            MiniBatchSize = 2,
        });

        BatchJob job = (await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFolder(Path.Combine(_folder, "input")), "driver")).Value;
        var log = new List<string>();
        await foreach (JobEvent e in Client.Jobs.StreamAsync(job.Name))
        {
            log.Add(e.LogLine ?? e.Status.ToString());
        }
        string predictions = (await Client.Jobs.DownloadOutputsAsync(job.Name, Path.Combine(_folder, "out"))).Value.Single();

        Assert.That(File.ReadAllLines(predictions), Is.EqualTo(new[] { "one.txt has 2 lines", "two.txt has 3 lines" }));
        Assert.That(log, Has.Some.Contains("batch init, model files: ['model.pkl']"));
        Assert.That(log, Has.Some.EqualTo("Completed"));
    }

    [Test]
    public async Task RunGetsTheRequestBodyAsItCameJsonOrNot()
    {
        // The inference server hands run() the body's text; it is not parsed, so any body reaches the script.
        string conda = Write("conda.yml", "dependencies:\n- python=3.11\n");
        Write("echo/score.py", "def init():\n    pass\n\ndef run(raw_data):\n    return {\"type\": type(raw_data).__name__, \"received\": raw_data}\n");
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("echo", _endpoint)
        {
            Model = new Model { Name = UniqueName("pickle"), Type = ModelType.CustomModel, Path = Path.Combine(SampleModel.FolderOf("diabetes-sklearn"), "model.pkl") },
            InstanceType = "Standard_DS3_v2",
            CodeConfiguration = new CodeConfiguration(Path.Combine(_folder, "echo"), "score.py"),
            Environment = new MLEnvironment { Image = Image, CondaFile = conda },
        });

        foreach (string body in new[] { " [1, 2,3]\n", "plain text, not JSON", "{\"data\": [[1.5]]}" })
        {
            using JsonDocument answer = (await Client.OnlineEndpoints.InvokeAsync(_endpoint, BinaryData.FromString(body), "echo")).Value.ToJsonDocument();
            Assert.That(answer.RootElement.GetProperty("type").GetString(), Is.EqualTo("str"));
            Assert.That(answer.RootElement.GetProperty("received").GetString(), Is.EqualTo(body));
        }
    }

    [Test]
    public async Task AScriptWhoseImportFailsFailsItsDeployment()
    {
        string conda = Write("conda.yml", "dependencies:\n- python=3.11\n");
        Write("src/score.py", "import library_this_environment_lacks\n\ndef init():\n    pass\n\ndef run(raw_data):\n    return raw_data\n");
        RequestFailedException failure = Assert.ThrowsAsync<RequestFailedException>(async () =>
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("broken", _endpoint)
            {
                Model = new Model { Name = UniqueName("pickle"), Type = ModelType.CustomModel, Path = Path.Combine(SampleModel.FolderOf("diabetes-sklearn"), "model.pkl") },
                InstanceType = "Standard_DS3_v2",
                CodeConfiguration = new CodeConfiguration(Path.Combine(_folder, "src"), "score.py"),
                Environment = new MLEnvironment { Image = Image, CondaFile = conda },
            }))!;
        Assert.That(failure.ErrorCode, Is.EqualTo("ResourceNotReady"));
        Assert.That(failure.Message, Does.Contain("No module named 'library_this_environment_lacks'"));
    }

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
