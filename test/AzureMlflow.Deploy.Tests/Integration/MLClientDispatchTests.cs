using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>MLClient.BeginCreateOrUpdate(entity), as Python's ml_client.begin_create_or_update(entity), reaches the group that owns the entity.</summary>
public sealed class MLClientDispatchTests : EmulatorTestBase
{
    [Test]
    public async Task EveryEntityIsCreatedThroughTheClientItself()
    {
        string online = UniqueName("disp");
        string batch = UniqueName("dispb");
        string cluster = UniqueName("dispc");
        Compute compute = (await Client.BeginCreateOrUpdateAsync(WaitUntil.Completed, new AmlCompute(cluster) { MaxInstances = 1 })).Value;
        Model model = (await Client.CreateOrUpdateAsync(new Model { Name = UniqueName("dispm"), Type = ModelType.MlflowModel, Path = SampleModel.Folder })).Value;

        OnlineEndpoint endpoint = (await Client.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(online))).Value;
        OnlineDeployment deployment = Client.BeginCreateOrUpdate(WaitUntil.Completed,
            new ManagedOnlineDeployment("blue", online) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 }).Value;
        BatchEndpoint batchEndpoint = (await Client.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(batch))).Value;
        BatchDeployment batchDeployment = Client.BeginCreateOrUpdate(WaitUntil.Completed,
            new BatchDeployment("linear", batch) { Model = model, Compute = cluster, InstanceCount = 1 }).Value;

        Assert.That(compute.ProvisioningState, Is.EqualTo(ComputeProvisioningState.Succeeded));
        Assert.That((model.Version, endpoint.ProvisioningState, deployment.ProvisioningState, batchEndpoint.ProvisioningState, batchDeployment.ProvisioningState),
            Is.EqualTo(("1", EndpointProvisioningState.Succeeded, DeploymentProvisioningState.Succeeded, EndpointProvisioningState.Succeeded, DeploymentProvisioningState.Succeeded)));
        Assert.That((await Client.OnlineDeployments.GetAsync("blue", online)).Value.Model!.Reference, Does.EndWith($"/models/{model.Name}/versions/1"));
        Assert.That((await Client.BatchDeployments.GetAsync("linear", batch)).Value.Compute, Does.EndWith($"/computes/{cluster}"));
    }
}
