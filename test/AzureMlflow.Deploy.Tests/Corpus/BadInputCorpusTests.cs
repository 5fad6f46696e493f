using System.Text.Json;
using Azure;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Tests.Integration;
using AzureMlflow.Deploy.Validation;

namespace AzureMlflow.Deploy.Tests.Corpus;

/// <summary>
/// Runs the bad-input corpus (test/AzureMlflow.Deploy.Tests/Corpus, see its README): every invalid input fails with
/// exactly the documented exception type and message, and the client inputs fail before any request is sent.
/// </summary>
public sealed class BadInputCorpusTests : EmulatorTestBase
{
    private static string CorpusPath(params string[] parts) => RepositoryPaths.Combine(["test", "AzureMlflow.Deploy.Tests", "Corpus", .. parts]);

    private static IEnumerable<string[]> Rows(params string[] file) =>
        File.ReadAllLines(CorpusPath(file)).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));

    private static string Unescape(string value) => value == "(empty)" ? string.Empty : value.Replace("\\t", "\t").Replace("\\n", "\n");

    public static IEnumerable<TestCaseData> ClientInputs() =>
        Rows("client-inputs.tsv").Select(r => new TestCaseData(r[0], Unescape(r[1]), r[2], r[3]).SetName($"{r[0]}: {r[1]}"));

    public static IEnumerable<TestCaseData> MlmodelFiles() =>
        Rows("mlmodel", "expected.tsv").Select(r => new TestCaseData(r[0], r[1], r[2], r[3]).SetName($"MLmodel {r[0]}"));

    public static IEnumerable<TestCaseData> CliYamlFiles() =>
        Rows("cli-yaml", "expected.tsv").Select(r => new TestCaseData(r[0], r[1], r[2], r[3]).SetName($"CLI YAML {r[0]}"));

    public static IEnumerable<TestCaseData> CsvFiles() =>
        Rows("payloads", "expected.tsv").Select(r => new TestCaseData(r[0], r[1], r[2]).SetName($"CSV {r[0]}"));

    public static IEnumerable<TestCaseData> SignatureCases() =>
        Rows("payloads", "signature-cases.tsv").Select(r => new TestCaseData(r[1], r[2], r[3], r[4], r[5], r[6]).SetName($"payload: {r[0]}"));

    [TestCaseSource(nameof(ClientInputs))]
    public async Task ClientInputsFailBeforeAnyRequest(string kind, string input, string exception, string message)
    {
        using var scratch = new ScratchFolder();
        Func<Task> act = kind switch
        {
            "endpoint-name" => () => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(input)),
            "deployment-name" => () => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Deployment(input)),
            "model-name" => () => Client.Models.CreateOrUpdateAsync(new Model { Name = input, Path = "azureml://datastores/workspaceblobstore/paths/models/x" }),
            "traffic" => () => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, Endpoint(input, "{}")),
            "mirror" => () => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, Endpoint(input.Split('|')[0], input.Split('|')[1])),
            "instance-count" => () => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Deployment("blue", d => d.InstanceCount = int.Parse(input))),
            "request-timeout-ms" => () => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
                Deployment("blue", d => d.RequestSettings = new OnlineRequestSettings { RequestTimeout = TimeSpan.FromMilliseconds(int.Parse(input)) })),
            "probe-period-s" => () => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
                Deployment("blue", d => d.LivenessProbe = new ProbeSettings { Period = TimeSpan.FromSeconds(int.Parse(input)) })),
            "iso-duration" => () => Task.FromResult(IsoDuration.Parse(input)),
            "model-path" => () => Client.Models.CreateOrUpdateAsync(new Model { Name = "corpus", Type = ModelType.MlflowModel, Path = scratch.ModelPath(input) }),
            "custom-model-path" => () => Client.Models.CreateOrUpdateAsync(new Model { Name = "corpus", Type = ModelType.CustomModel, Path = scratch.ModelPath(input) }),
            _ => throw new AssertionException($"Unknown corpus kind '{kind}'."),
        };

        Exception thrown = Assert.CatchAsync(async () => await act())!;

        Assert.That(thrown.GetType().Name, Is.EqualTo(exception), thrown.ToString());
        Assert.That(thrown.Message, Does.Contain(message));
        Assert.That(Emulator.Requests.Snapshot(), Is.Empty, "bad input is refused before any request");
    }

    [TestCaseSource(nameof(MlmodelFiles))]
    public void MlmodelFilesFailAsDocumented(string file, string stage, string exception, string message)
    {
        string path = CorpusPath("mlmodel", file);
        Exception thrown = stage == "parse"
            ? Assert.Catch(() => MlflowModel.Parse(File.ReadAllText(path), path))!
            : Assert.Catch(() => MlflowDeploymentRules.EnsureNoCodeDeployable(MlflowModel.Parse(File.ReadAllText(path), path)))!;

        Assert.That(thrown.GetType().Name, Is.EqualTo(exception), thrown.ToString());
        Assert.That(thrown.Message, Does.Contain(message));
        if (stage == "parse")
        {
            Assert.That(thrown.Message, Does.Contain(path), "the message names the file");
        }
    }

    [TestCaseSource(nameof(CliYamlFiles))]
    public void CliYamlFilesFailAsDocumented(string file, string loader, string exception, string message)
    {
        string path = CorpusPath("cli-yaml", file);
        Exception thrown = Assert.Catch(() =>
        {
            object loaded = loader switch
            {
                "online-endpoint" => ManagedOnlineEndpoint.Load(path),
                "online-deployment" => Validated(ManagedOnlineDeployment.Load(path)),
                "model" => Model.Load(path),
                "batch-endpoint" => BatchEndpoint.Load(path),
                "batch-deployment" => BatchDeployment.Load(path),
                _ => throw new AssertionException($"Unknown loader '{loader}'."),
            };
        })!;

        Assert.That(thrown.GetType().Name, Is.EqualTo(exception), thrown.ToString());
        Assert.That(thrown.Message, Does.Contain(message));
    }

    [TestCaseSource(nameof(CsvFiles))]
    public void CsvFilesFailAsDocumented(string file, string exception, string message)
    {
        Exception thrown = Assert.Catch(() => ScoringPayload.FromCsvFile(CorpusPath("payloads", file)))!;

        Assert.That(thrown.GetType().Name, Is.EqualTo(exception), thrown.ToString());
        Assert.That(thrown.Message, Does.Contain(message));
    }

    [TestCaseSource(nameof(SignatureCases))]
    public void PayloadsThatDoNotFitTheSignatureFailAsDocumented(string inputs, string columns, string rows, string nonFinite, string exception, string message)
    {
        MlflowSignature signature = MlflowModel.Parse($"flavors: {{python_function: {{loader_module: m}}}}\nsignature:\n  inputs: '{inputs}'\n", "corpus").Signature!;

        Exception thrown = Assert.Catch(() =>
        {
            DataFramePayload payload = ScoringPayload.FromRows(JsonSerializer.Deserialize<string[]>(columns)!, ParseRows(rows));
            if (nonFinite == "throw")
            {
                payload.NonFiniteNumbers = NonFiniteNumberHandling.Throw;
                _ = payload.ToJson();
            }
            payload.Validate(signature);
        })!;

        Assert.That(thrown.GetType().Name, Is.EqualTo(exception), thrown.ToString());
        Assert.That(thrown.Message, Does.Contain(message));
    }

    private static List<object?[]> ParseRows(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out long l) && !v.GetRawText().Contains('.') => (object?)l,
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.True or JsonValueKind.False => v.GetBoolean(),
            JsonValueKind.String when v.GetString() is "NaN" => double.NaN,
            JsonValueKind.String when v.GetString() is "Infinity" => double.PositiveInfinity,
            JsonValueKind.String when v.GetString() is "-Infinity" => double.NegativeInfinity,
            JsonValueKind.String => v.GetString(),
            _ => null,
        }).ToArray()).ToList();

    private static ManagedOnlineDeployment Validated(ManagedOnlineDeployment deployment)
    {
        DeploymentRules.Validate(deployment);
        return deployment;
    }

    private static ManagedOnlineEndpoint Endpoint(string traffic, string mirror)
    {
        var endpoint = new ManagedOnlineEndpoint("valid-ep");
        foreach ((string name, int share) in JsonSerializer.Deserialize<Dictionary<string, int>>(traffic)!)
        {
            endpoint.Traffic[name] = share;
        }
        foreach ((string name, int share) in JsonSerializer.Deserialize<Dictionary<string, int>>(mirror)!)
        {
            endpoint.MirrorTraffic[name] = share;
        }
        return endpoint;
    }

    private static ManagedOnlineDeployment Deployment(string name, Action<ManagedOnlineDeployment>? change = null)
    {
        var deployment = new ManagedOnlineDeployment(name, "valid-ep") { Model = "azureml:m:1", InstanceType = "Standard_DS3_v2", InstanceCount = 1 };
        change?.Invoke(deployment);
        return deployment;
    }

    /// <summary>The model folders of the model-path cases, built on disk (links cannot live in the repository portably).</summary>
    private sealed class ScratchFolder : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("aml-corpus-").FullName;

        public string ModelPath(string shape)
        {
            string model = Path.Combine(_root, "model");
            switch (shape)
            {
                case "missing":
                    return model;
                case "file":
                    File.WriteAllText(model, "not a folder");
                    return model;
                case "empty-folder":
                    Directory.CreateDirectory(model);
                    return model;
                case "no-mlmodel":
                    Directory.CreateDirectory(model);
                    File.WriteAllText(Path.Combine(model, "model.pkl"), "weights");
                    return model;
            }
            Directory.CreateDirectory(model);
            File.WriteAllText(Path.Combine(model, "MLmodel"), "flavors:\n  python_function: {loader_module: m}\n");
            if (shape == "symlink-loop")
            {
                Directory.CreateSymbolicLink(Path.Combine(model, "again"), model);
            }
            else if (shape == "symlink-escape")
            {
                string outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
                File.WriteAllText(Path.Combine(outside, "secret.txt"), "not part of the model");
                Directory.CreateSymbolicLink(Path.Combine(model, "data"), outside);
            }
            return model;
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
