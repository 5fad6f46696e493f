using System.Text.Json;
using Azure;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.MlflowDeployments;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Tests.Mocking;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Yaml;

namespace AzureMlflow.Deploy.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of every reader of outside input: MLmodel files, CLI YAML files, workspace and deployment
/// config JSON, service responses, scoring responses and CSV files. Each input either reads or fails with the reader's
/// documented exception, within a deadline (no NullReferenceException, IndexOutOfRangeException, stack overflow or hang).
/// </summary>
public sealed class ReaderFuzzTests
{
    private const int Iterations = 1500;
    private string _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = Directory.CreateTempSubdirectory("aml-fuzz-").FullName;

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_temp, recursive: true);

    private static IEnumerable<string> Mutations(IReadOnlyList<string> seeds, int seed, int count = Iterations)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return Mutator.Mutate(seeds[i % seeds.Count], random);
        }
        foreach (string nested in Mutator.DeeplyNested())
        {
            yield return nested;
        }
    }

    private string WriteTemp(string text, string name)
    {
        string file = Path.Combine(_temp, name);
        File.WriteAllText(file, text, new System.Text.UTF8Encoding(false)); // a lone surrogate becomes U+FFFD, as any UTF-8 file would have it
        return file;
    }

    [Test]
    public void MlmodelFiles()
    {
        string[] seeds = ["cli-yaml/models/sklearn-diabetes/MLmodel", "cli-yaml/models/lightgbm_mlflow_model/MLmodel", "mlflow/lightgbm-iris/MLmodel"];
        FuzzRunner.Run(Mutations([.. seeds.Select(ExampleFiles.Read)], 20261125), text =>
        {
            MlflowModel model = MlflowModel.Parse(text, "fuzz");
            _ = MlflowDeploymentRules.FindProblems(model);
        }, typeof(MlflowModelException));
    }

    [TestCase("deployments/online", "online-deployment")]
    [TestCase("deployments/batch", "batch-deployment")]
    [TestCase("endpoints/online", "online-endpoint")]
    [TestCase("endpoints/batch", "batch-endpoint")]
    [TestCase("models", "model")]
    public void CliYamlFiles(string folder, string loader)
    {
        string[] seeds = [.. Directory.GetFiles(ExampleFiles.PathOf("cli-yaml/" + folder)).Where(f => f.EndsWith(".yaml") || f.EndsWith(".yml")).Select(File.ReadAllText)];
        FuzzRunner.Run(Mutations(seeds, folder.GetHashCode(StringComparison.Ordinal) & 0xffff, Iterations / 3), text =>
        {
            string file = WriteTemp(text, $"{Environment.CurrentManagedThreadId}.yml");
            _ = loader switch
            {
                "online-deployment" => (object)ManagedOnlineDeployment.Load(file),
                "batch-deployment" => BatchDeployment.Load(file),
                "online-endpoint" => ManagedOnlineEndpoint.Load(file),
                "batch-endpoint" => BatchEndpoint.Load(file),
                _ => Model.Load(file),
            };
        }, typeof(CliYamlException));
    }

    [Test]
    public void WorkspaceConfigJson()
    {
        string[] seeds = ["""{"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "rg", "workspace_name": "ws"}"""];
        FuzzRunner.Run(Mutations(seeds, 7), text => MLClient.FromConfig(new FakeCredential(), WriteTemp(text, "config.json")), typeof(InvalidDataException));
    }

    [Test]
    public void DeployConfigJson()
    {
        string[] seeds = ["""{"instance_type": "Standard_DS3_v2", "instance_count": 2, "request_settings": {"request_timeout_ms": 3000}, "environment_variables": {"A": "1"}}"""];
        FuzzRunner.Run(Mutations(seeds, 11), text =>
        {
            IReadOnlyDictionary<string, string> config = MlflowDeploymentClient.ReadConfigFile(WriteTemp(text, "deploy-config.json"));
            MlflowDeploymentConfig.Apply(config, new ManagedOnlineDeployment("blue", "blue"));
        }, typeof(InvalidDataException), typeof(ArgumentException), typeof(NotSupportedException));
    }

    [Test]
    public void ServiceResponses()
    {
        (string File, Action<Azure.Response> Read)[] shapes =
        [
            ("cli-yaml/deployments/online/online_deployment_managed_rest.json", r => DeploymentMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.OnlineDeploymentData))),
            ("cli-yaml/deployments/batch/batch_deployment_full_rest.json", r => BatchMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.BatchDeploymentData))),
            ("cli-yaml/endpoints/batch/batch_endpoint_rest.json", r => BatchMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.BatchEndpointData))),
        ];
        foreach ((string file, Action<Azure.Response> read) in shapes)
        {
            FuzzRunner.Run(Mutations([ExampleFiles.Read(file)], file.Length, Iterations / 3), text =>
            {
                var response = new FakeResponse(200) { ContentStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) };
                read(response);
            }, typeof(RequestFailedException));
        }
    }

    [Test]
    public void ScoringResponses()
    {
        string[] seeds = ["[206.1, 68.1, 176.9]", """{"predictions": [1, 2, 3]}""", """[{"0": 1.5}, {"0": 2.5}]""", """["a", "b"]""", """{"output": [[1.0, 2.0]]}"""];
        FuzzRunner.Run(Mutations(seeds, 13), text =>
        {
            ScoringResult result = MLModelFactory.ScoringResult(BinaryData.FromString(text));
            _ = result.ToDoubleArray();
            _ = result.ToStringArray();
        }, typeof(FormatException));
    }

    [Test]
    public void CsvFiles()
    {
        string[] seeds = [File.ReadAllText(RepositoryPaths.Combine("samples", "data", "diabetes-sample.csv")), "a,b,c\n\"x,y\",2,\n3,\"q\"\"uote\",4.5e3\n"];
        FuzzRunner.Run(Mutations(seeds, 17), text =>
        {
            DataFramePayload payload = ScoringPayload.FromCsv(new StringReader(text));
            using JsonDocument json = JsonDocument.Parse(payload.ToJson());
        }, typeof(PayloadValidationException));
    }
}
