using System.Text.Json.Nodes;
using Azure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Registering models whose files are already remote: versions, labels, immutability and listing.</summary>
public sealed class ModelTests : EmulatorTestBase
{
    protected override void Configure(Deploy.Emulator.EmulatorOptions options) => options.Runs.Add("run-2"); // the run a model below is registered from

    [Test]
    public async Task VersionsIncrementFromTheContainersNextVersionAndLatestResolvesToTheNewest()
    {
        string name = UniqueName("auto");
        Model first = (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = "azureml://jobs/train-1/outputs/artifacts/paths/model/" })).Value;
        Model second = (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = "runs:/run-2/model" })).Value;

        Assert.That((first.Version, second.Version), Is.EqualTo(("1", "2")));
        Assert.That(first.JobName, Is.EqualTo("train-1"), "the job that produced the model is recorded");
        Assert.That((await Client.Models.GetAsync(name, label: "latest")).Value.Version, Is.EqualTo("2"));
        Assert.That((await Client.Models.GetAsync(name, version: "1")).Value.Path, Does.StartWith("azureml://"));
        Assert.That(Client.Models.List(name).Select(m => m.Version), Is.EquivalentTo(new[] { "1", "2" }));
        Assert.That(Client.Models.List().Select(m => m.Name), Does.Contain(name));
    }

    [Test]
    public async Task TheSentBodyNamesTheModelTypeAndTheLongDatastoreUri()
    {
        string name = UniqueName("body");
        await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Version = "7", Type = ModelType.MlflowModel, Path = "azureml://datastores/workspaceblobstore/paths/models/x" });

        JsonObject body = JsonNode.Parse(Emulator.Requests.Snapshot().Single(r => r.Method == "PUT").Body)!.AsObject();
        Assert.That(body["properties"]!["modelType"]!.GetValue<string>(), Is.EqualTo("mlflow_model"));
        Assert.That(body["properties"]!["modelUri"]!.GetValue<string>(), Is.EqualTo(
            $"azureml://subscriptions/{Emulator.Options.SubscriptionId}/resourcegroups/{Emulator.Options.ResourceGroup}/workspaces/{Emulator.Options.WorkspaceName}/datastores/workspaceblobstore/paths/models/x"));
    }

    [Test]
    public async Task AVersionsPathCannotChangeButItsDescriptionCan()
    {
        string name = UniqueName("immut");
        await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Version = "1", Path = "azureml://datastores/workspaceblobstore/paths/a" });

        var refused = Assert.ThrowsAsync<RequestFailedException>(() =>
            Client.Models.CreateOrUpdateAsync(new Model { Name = name, Version = "1", Path = "azureml://datastores/workspaceblobstore/paths/b" }));
        Assert.That(refused!.Status, Is.EqualTo(400));
        Assert.That(refused.Message, Does.Contain("Asset paths cannot be updated."));

        Model updated = (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Version = "1", Path = "azureml://datastores/workspaceblobstore/paths/a", Description = "now described" })).Value;
        Assert.That(updated.Description, Is.EqualTo("now described"));
    }

    [Test]
    public void AMissingModelIsA404()
    {
        var missing = Assert.ThrowsAsync<RequestFailedException>(() => Client.Models.GetAsync("no-such-model", label: "latest"));
        Assert.That(missing!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task ADeploymentCanReferenceTheLatestVersionByLabel()
    {
        string name = UniqueName("label");
        await RegisterMlflowModelAsync(name);
        Assert.That((await RegisterMlflowModelAsync(name)).Version, Is.EqualTo("2"));
        string endpointName = UniqueName("lbl");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));

        var deployment = (await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("blue", endpointName) { Model = $"{name}@latest", InstanceType = "Standard_DS3_v2", InstanceCount = 1 })).Value;

        Assert.That(deployment.Model!.ToString(), Does.EndWith($"/models/{name}/versions/2"));
    }
}
