using System.Text.Json;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Mlflow;

/// <summary>The environment preflight: each rule fires on a crafted model environment and the sample model passes clean.</summary>
public sealed class ServingPreflightTests
{
    private const string MlmodelSklearn = "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n  sklearn:\n    pickled_model: model.pkl\n";
    private const string Healthy = "- python=3.10.12\n- pip:\n  - mlflow==2.9.2\n  - scikit-learn==1.3.2\n  - azureml-ai-monitoring\n";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("aml-preflight-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase("diabetes-linear")]
    [TestCase("diabetes-sklearn")]
    [TestCase("diabetes-xgboost")]
    public void TheSampleModelsHaveNoFindings(string sample) => Assert.That(MlflowServingPreflight.Check(SampleModel.FolderOf(sample)), Is.Empty);

    [Test]
    public void AHealthyEnvironmentHasNoFindings() => Assert.That(Check(Healthy), Is.Empty);

    [TestCase("- python=3.7.15\n- pip:\n  - mlflow==1.30.0\n  - scikit-learn==0.24.1\n  - azureml-ai-monitoring\n", "python-below-3.8", TestName = "Python 3.7 cannot be built")]
    [TestCase("- python=3.10\n- pip:\n  - scikit-learn==1.3.2\n  - azureml-ai-monitoring\n", "mlflow-missing", TestName = "No MLflow")]
    [TestCase("- python=3.10\n- pip:\n  - mlflow\n  - scikit-learn==1.3.2\n  - azureml-ai-monitoring\n", "mlflow-unpinned", TestName = "Unpinned MLflow")]
    [TestCase("- python=3.10\n- pip:\n  - mlflow==3.1.0\n  - scikit-learn==1.3.2\n  - azureml-ai-monitoring\n", "mlflow-3", TestName = "MLflow 3")]
    [TestCase("- python=3.10\n- pip:\n  - mlflow>=3.7\n  - scikit-learn==1.3.2\n  - azureml-ai-monitoring\n", "mlflow-3.7", TestName = "MLflow 3.7 as a lower bound")]
    [TestCase("- python=3.10\n- pip:\n  - mlflow==2.9.2\n  - scikit-learn==1.3.2\n", "azureml-ai-monitoring-missing", TestName = "No azureml-ai-monitoring")]
    [TestCase("- python=3.8\n- pip:\n  - mlflow==2.9.2\n  - scikit-learn==1.3.2\n  - azureml-ai-monitoring\n  - azureml-inference-server-http==1.3.2\n", "inference-server-1.3", TestName = "Inference server 1.3.x")]
    [TestCase("- python=3.10\n- pip:\n  - mlflow==2.9.2\n  - azureml-ai-monitoring\n", "flavor-sklearn-missing", TestName = "The flavor's library is missing")]
    public void ARuleFiresOnItsCause(string dependencies, string rule) =>
        Assert.That(Check(dependencies).Select(f => f.RuleId), Is.EqualTo(new[] { rule }));

    [Test]
    public void PinsThatDisagreeBetweenFilesAreReported()
    {
        File.WriteAllText(Path.Combine(_folder, "requirements.txt"), "mlflow==2.9.2\nscikit-learn==1.2.2 ; python_version > '3.8'\nazureml-ai-monitoring\n");
        PreflightFinding finding = Check(Healthy).Single();
        Assert.That(finding.RuleId, Is.EqualTo("conflicting-pins"));
        Assert.That(finding.Message, Does.Contain("scikit-learn to different versions (1.3.2 in conda.yaml, 1.2.2 in requirements.txt)"));
    }

    [Test]
    public void FindingsSayWhatToDoAndWhereTheyComeFrom()
    {
        PreflightFinding finding = Check("- python=3.10\n- pip:\n  - mlflow==3.8.0\n  - scikit-learn==1.3.2\n  - azureml-ai-monitoring\n").Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Severity, Is.EqualTo(PreflightSeverity.Warning));
            Assert.That(finding.Message, Does.Contain("MLflow 3.8.0").And.Contain("Pin mlflow to 3.6.0 or earlier"));
            Assert.That(finding.Source, Is.EqualTo(new Uri("https://github.com/Azure/azureml-examples/pull/3873")));
            Assert.That(finding.Date, Is.EqualTo(new DateOnly(2026, 4, 14)));
        });
        Assert.That(MlflowServingPreflight.Check(Write(Healthy), explicitEnvironment: true).Select(f => f.RuleId), Is.EqualTo(new[] { "explicit-environment-without-code" }));
    }

    [Test]
    public void TheRulesTableIsWellFormed()
    {
        // Loaded through the same embedded resource the SDK reads; every 'when' key must be one the evaluator knows.
        string[] known = ["package", "atLeast", "below", "unpinned", "python", "missing", "flavor", "conflictingPins", "explicitEnvironment"];
        using Stream stream = typeof(MlflowServingPreflight).Assembly.GetManifestResourceStream("AzureMlflow.Deploy.Mlflow.Preflight.ServingRules.json")!;
        using JsonDocument table = JsonDocument.Parse(stream);
        List<JsonElement> rules = [.. table.RootElement.GetProperty("rules").EnumerateArray()];
        Assert.That(rules, Has.Count.GreaterThan(5));
        Assert.That(rules.Select(r => r.GetProperty("id").GetString()), Is.Unique);
        foreach (JsonElement rule in rules)
        {
            string id = rule.GetProperty("id").GetString()!;
            Assert.That(rule.GetProperty("severity").GetString(), Is.AnyOf("warning", "error"), id);
            Assert.That(Uri.TryCreate(rule.GetProperty("source").GetString(), UriKind.Absolute, out _), Is.True, id);
            Assert.That(DateOnly.TryParseExact(rule.GetProperty("date").GetString(), "yyyy-MM-dd", out _), Is.True, id);
            Assert.That(rule.GetProperty("when").EnumerateObject().Select(p => p.Name), Is.SubsetOf(known), id);
        }
    }

    private IReadOnlyList<PreflightFinding> Check(string dependencies) => MlflowServingPreflight.Check(Write(dependencies));

    private string Write(string dependencies)
    {
        File.WriteAllText(Path.Combine(_folder, "MLmodel"), MlmodelSklearn);
        File.WriteAllText(Path.Combine(_folder, "conda.yaml"), "channels:\n- conda-forge\ndependencies:\n" + dependencies + "name: mlflow-env\n");
        return _folder;
    }
}
