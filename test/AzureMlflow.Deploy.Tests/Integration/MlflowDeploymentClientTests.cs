using AzureMlflow.Deploy.MlflowDeployments;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>The azureml-mlflow plugin's deployments workflow over the emulator.</summary>
public sealed class MlflowDeploymentClientTests : EmulatorTestBase
{
    protected override void Configure(Deploy.Emulator.EmulatorOptions options) => options.Runs.Add("run-42"); // the run a model below is deployed from

    [Test]
    public async Task DeployFromAModelsUriPredictUpdateListAndDelete()
    {
        await Client.Models.CreateOrUpdateAsync(new Model { Name = "diabetes-linear", Version = "7", Type = ModelType.MlflowModel, Path = SampleModel.Folder });
        var mlflow = new MlflowDeploymentClient(Client);
        string name = UniqueName("mlflowdep");

        OnlineDeployment deployment = await mlflow.CreateDeploymentAsync(name, "models:/diabetes-linear/7",
            new Dictionary<string, string> { ["instance_type"] = "Standard_F4s_v2", ["instance_count"] = "2", ["request_settings"] = """{"request_timeout_ms": 3000}""" });

        Assert.That((deployment.InstanceType, deployment.InstanceCount, deployment.RequestSettings!.RequestTimeout), Is.EqualTo(("Standard_F4s_v2", 2, TimeSpan.FromSeconds(3))));
        Assert.That(deployment.Model!.ToString(), Does.EndWith("/models/diabetes-linear/versions/7"));
        Assert.That((await Client.OnlineEndpoints.GetAsync(name)).Value.Traffic[name], Is.EqualTo(100), "a new endpoint sends all traffic to its deployment");

        ScoringResult result = await mlflow.PredictAsync(name, ScoringPayload.FromCsvFile(SampleModel.SampleCsv));
        Assert.That(result.ToDoubleArray(), Is.EqualTo(SampleModel.SampleRows().Select(SampleModel.Predict).ToArray()).Within(1e-3));

        OnlineDeployment updated = await mlflow.UpdateDeploymentAsync(name, config: new Dictionary<string, string> { ["instance_count"] = "3" });
        Assert.That(updated.InstanceCount, Is.EqualTo(3));
        Assert.That(await mlflow.ListDeploymentsAsync(name).Select(d => d.Name).ToListAsync(), Is.EqualTo(new[] { name }));
        Assert.That((await mlflow.GetDeploymentAsync(name)).Value.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Succeeded));

        await mlflow.DeleteDeploymentAsync(name);
        Assert.That(Assert.ThrowsAsync<Azure.RequestFailedException>(() => Client.OnlineEndpoints.GetAsync(name))!.Status, Is.EqualTo(404), "the endpoint it created goes too");
    }

    [Test]
    public async Task TheSynchronousMethodsDeployAndPredictToo()
    {
        await Client.Models.CreateOrUpdateAsync(new Model { Name = "diabetes-linear", Version = "8", Type = ModelType.MlflowModel, Path = SampleModel.Folder });
        var mlflow = new MlflowDeploymentClient(Client);
        string name = UniqueName("syncdep");

        OnlineDeployment deployment = mlflow.CreateDeployment(name, "models:/diabetes-linear@latest");

        Assert.That(deployment.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Succeeded));
        Assert.That(mlflow.GetDeployment(name).Value.Name, Is.EqualTo(name));
        Assert.That(mlflow.ListDeployments(name).Select(d => d.Name), Is.EqualTo(new[] { name }));
        Assert.That(mlflow.Predict(name, ScoringPayload.FromCsvFile(SampleModel.SampleCsv)).Value.ToDoubleArray(), Has.Length.EqualTo(SampleModel.SampleRows().Count));
        Assert.That(mlflow.UpdateDeployment(name, config: new Dictionary<string, string> { ["instance_count"] = "2" }).Value.InstanceCount, Is.EqualTo(2));
        Assert.That(Client.OnlineDeployments.Get(name, name).Value.InstanceCount, Is.EqualTo(2));

        mlflow.DeleteDeployment(name);
        Assert.That(Assert.Throws<Azure.RequestFailedException>(() => Client.OnlineDeployments.Get(name, name))!.Status, Is.EqualTo(404));
        Assert.That(Assert.Throws<Azure.RequestFailedException>(() => Client.OnlineEndpoints.Get(name))!.Status, Is.EqualTo(404), "the endpoint it created goes too");
    }

    [Test]
    public async Task AnUnregisteredRunModelIsRegisteredUnderTheDeploymentsName()
    {
        var mlflow = new MlflowDeploymentClient(Client);
        string name = UniqueName("fromrun");

        OnlineDeployment deployment = await mlflow.CreateDeploymentAsync(name, "runs:/run-42/model");

        Model registered = (await Client.Models.GetAsync(name, label: "latest")).Value;
        Assert.That((registered.Path, registered.Type), Is.EqualTo(("runs:/run-42/model", ModelType.MlflowModel)));
        Assert.That(deployment.Model!.ToString(), Does.Contain($"/models/{name}/versions/"));
    }

    [Test]
    public void RetiredTargetsBadUrisAndTrackingUrisAreRefusedBeforeAnyRequest()
    {
        var mlflow = new MlflowDeploymentClient(Client);
        Assert.That(() => mlflow.CreateDeploymentAsync("aci-dep", "models:/m/1", new Dictionary<string, string> { ["computeType"] = "aci" }),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("retired Azure ML v1 ACI web service").And.Message.Contains("managed online endpoint"));
        Assert.That(() => mlflow.CreateDeploymentAsync("aks-dep", "models:/m/1", new Dictionary<string, string> { ["computeType"] = "aks" }),
            Throws.ArgumentException.With.Message.Contains("An AKS deploy-config needs computeTargetName"));
        Assert.That(() => mlflow.CreateDeploymentAsync("aks-dep", "models:/m/1", new Dictionary<string, string> { ["computeType"] = "aks", ["computeTargetName"] = "k8s", ["egress_public_network_access"] = "disabled" }),
            Throws.ArgumentException.With.Message.Contains("egress_public_network_access applies to managed deployments only"));
        Assert.That(() => mlflow.CreateDeploymentAsync("bad-uri", "models:/only-a-name"), Throws.ArgumentException.With.Message.Contains("models:/<name>/<version>"));
        Assert.That(() => mlflow.CreateDeploymentAsync("bad-key", "models:/m/1", new Dictionary<string, string> { ["cpu_cores"] = "2" }), Throws.ArgumentException.With.Message.Contains("'cpu_cores'"));
        Assert.That(Emulator.Requests.Snapshot(), Is.Empty);

        var fromUri = new MlflowDeploymentClient(
            "azureml://eastus.api.azureml.ms/mlflow/v1.0/subscriptions/0000/resourceGroups/rg-x/providers/Microsoft.MachineLearningServices/workspaces/ws-x", new FakeCredential());
        Assert.That((fromUri.Client.ResourceGroupName, fromUri.Client.WorkspaceName), Is.EqualTo(("rg-x", "ws-x")));
        Assert.That(() => new MlflowDeploymentClient("http://localhost:5000", new FakeCredential()), Throws.ArgumentException.With.Message.Contains("not an Azure ML MLflow tracking URI"));
    }

    [Test]
    public void ADeployConfigFileIsRead()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"instance_type": "Standard_DS2_v2", "instance_count": 1, "environment_variables": {"MODE": "batch"}}""");
            IReadOnlyDictionary<string, string> config = MlflowDeploymentClient.ReadConfigFile(file);
            Assert.That((config["instance_type"], config["instance_count"]), Is.EqualTo(("Standard_DS2_v2", "1")));
            Assert.That(config["environment_variables"], Does.Contain("MODE"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
