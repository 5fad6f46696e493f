using Azure;
using Azure.Core.Diagnostics;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>A no-code deployment of a local MLflow model runs the environment preflight before any request.</summary>
public sealed class PreflightDeploymentTests : EmulatorTestBase
{
    private string _model = null!;

    [SetUp]
    public void CopySampleModel()
    {
        _model = Directory.CreateTempSubdirectory("aml-preflight-model-").FullName;
        foreach (string file in Directory.GetFiles(SampleModel.Folder))
        {
            File.Copy(file, Path.Combine(_model, Path.GetFileName(file)));
        }
    }

    [TearDown]
    public void DeleteModel() => Directory.Delete(_model, recursive: true);

    [Test]
    public async Task WarningsReachTheOperationAndTheEventSourceAndTheDeploymentGoesAhead()
    {
        Rewrite("  - mlflow==2.9.2\n", "  - mlflow\n");
        string endpoint = UniqueName("pre-ep");
        string deploymentName = UniqueName("unpinned");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        var events = new List<string>();
        CreateOrUpdateOnlineDeploymentOperation operation;
        using (new AzureEventSourceListener((e, message) =>
        {
            if (e.EventSource.Name == "AzureMlflow-Deploy" && message.Contains(deploymentName, StringComparison.Ordinal))
            {
                lock (events)
                {
                    events.Add($"{e.Level}: {message}");
                }
            }
        }, System.Diagnostics.Tracing.EventLevel.Warning))
        {
            operation = await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment(deploymentName, endpoint)
            {
                Model = new Model { Name = UniqueName("unpinned"), Type = ModelType.MlflowModel, Path = _model }, InstanceType = "Standard_DS3_v2",
            });
        }

        Assert.That(operation.Warnings.Select(w => w.RuleId), Is.EqualTo(new[] { "mlflow-unpinned" }));
        Assert.That(operation.Value.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Succeeded), "a warning does not stop the deployment");
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0], Does.StartWith($"Warning: Deployment '{deploymentName}': Warning mlflow-unpinned: The model's environment does not pin mlflow")
            .And.EndWith("(source: https://github.com/Azure/azureml-examples/pull/4051)"));
    }

    [Test]
    public void AModelThatCannotBeServedIsRefusedBeforeAnyRequest()
    {
        Rewrite("- python=3.11.2\n", "- python=3.7.5\n");
        string endpoint = UniqueName("pre-ep");
        Assert.That(() => Client.OnlineDeployments.BeginCreateOrUpdate(WaitUntil.Started, new ManagedOnlineDeployment("blue", endpoint)
        {
            Model = new Model { Name = UniqueName("py37"), Type = ModelType.MlflowModel, Path = _model }, InstanceType = "Standard_DS3_v2",
        }), Throws.TypeOf<NotSupportedException>().With.Message.Contains("pins Python 3.7.5").And.Message.Contains("rule python-below-3.8"));
        Assert.That(Emulator.Requests.Snapshot(), Is.Empty);

        // python_env.yaml still says 3.11.2: the files disagree as well.
        Assert.That(MlflowServingPreflight.Check(_model).Select(f => (f.RuleId, f.Severity)),
            Is.EqualTo(new[] { ("python-below-3.8", PreflightSeverity.Error), ("conflicting-pins", PreflightSeverity.Warning) }));
    }

    private void Rewrite(string from, string to)
    {
        string conda = Path.Combine(_model, "conda.yaml");
        string text = File.ReadAllText(conda);
        Assert.That(text, Does.Contain(from));
        File.WriteAllText(conda, text.Replace(from, to, StringComparison.Ordinal));
    }
}
