using Azure;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Compute clusters and attached Kubernetes computes, and batch deployments that need one.</summary>
public sealed class ComputeTests : EmulatorTestBase
{
    [Test]
    public async Task AClusterIsCreatedResizedListedAndDeleted()
    {
        string name = UniqueName("cluster");
        var cluster = new AmlCompute(name)
        {
            Size = "Standard_DS2_v2", MinInstances = 1, MaxInstances = 2, IdleTimeBeforeScaleDown = TimeSpan.FromSeconds(100), Tier = AmlComputeTier.LowPriority,
            Description = "for batch", Tags = { ["team"] = "ml" },
        };

        Compute created = (await Client.Computes.BeginCreateOrUpdateAsync(WaitUntil.Completed, cluster)).Value;
        var read = (AmlCompute)(await Client.Computes.GetAsync(name)).Value;

        Assert.That((created.ProvisioningState, read.Size, read.MinInstances, read.MaxInstances, read.IdleTimeBeforeScaleDown, read.Tier, read.Description, read.Tags["team"]),
            Is.EqualTo((ComputeProvisioningState.Succeeded, "Standard_DS2_v2", 1, 2, (TimeSpan?)TimeSpan.FromSeconds(100), (AmlComputeTier?)AmlComputeTier.LowPriority, "for batch", "ml")));
        Assert.That((read.CurrentNodeCount, read.AllocationState, read.Id), Is.EqualTo(((int?)1, "Steady", $"{WorkspaceResourceId}/computes/{name}")));
        RecordedRequest put = Emulator.Requests.Snapshot().Last(r => r.Method == "PUT" && r.Path.EndsWith($"/computes/{name}", StringComparison.Ordinal));
        Assert.That(put.Body, Does.Contain("\"computeType\":\"AmlCompute\"").And.Contain("\"nodeIdleTimeBeforeScaleDown\":\"PT1M40S\"").And.Contain("\"vmPriority\":\"LowPriority\""),
            "the idle time goes as the ISO duration the Python SDK sends (100 s is PT1M40S)");

        read.MaxInstances = 4;
        await Client.Computes.BeginCreateOrUpdateAsync(WaitUntil.Completed, read);
        Assert.That(((AmlCompute)(await Client.Computes.GetAsync(name)).Value).MaxInstances, Is.EqualTo(4), "a resize is a PUT of the whole compute");
        Assert.That(await Client.Computes.ListAsync().Select(c => c.Name).ToListAsync(), Does.Contain(name));
        Assert.That(await Client.Computes.ListAsync("Kubernetes").Select(c => c.Name).ToListAsync(), Does.Not.Contain(name));

        await Client.Computes.BeginDeleteAsync(WaitUntil.Completed, name);
        var gone = Assert.ThrowsAsync<RequestFailedException>(() => Client.Computes.GetAsync(name));
        Assert.That(gone!.Status, Is.EqualTo(404));
        Assert.That(Emulator.Requests.Snapshot().Last(r => r.Method == "DELETE").Query, Does.Contain("underlyingResourceAction=Delete"));
    }

    [Test]
    public async Task AnAttachedKubernetesComputeIsReadAndDetached()
    {
        string name = await AttachKubernetesComputeAsync();

        var compute = (KubernetesCompute)(await Client.Computes.GetAsync(name)).Value;

        Assert.That((compute.ResourceId, compute.Namespace, compute.IsAttached, compute.DefaultInstanceType, compute.InstanceTypes.Single()),
            Is.EqualTo(("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1", "ml", true, "defaultinstancetype", "defaultinstancetype")));
        Assert.That(await Client.Computes.ListAsync("Kubernetes").Select(c => c.Name).ToListAsync(), Does.Contain(name));
        await Client.Computes.BeginDetachAsync(WaitUntil.Completed, name);
        Assert.That(Emulator.Requests.Snapshot().Last(r => r.Method == "DELETE" && r.Path.EndsWith(name, StringComparison.Ordinal)).Query, Does.Contain("underlyingResourceAction=Detach"));
        Assert.That(await Client.Computes.ListAsync().Select(c => c.Name).ToListAsync(), Does.Not.Contain(name));
    }

    [Test]
    public async Task ABatchDeploymentOnAComputeThatDoesNotExistIsRefused()
    {
        string endpoint = UniqueName("nocompute");
        await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpoint));
        Model model = await RegisterMlflowModelAsync(UniqueName("nc-model"));

        var refused = Assert.ThrowsAsync<RequestFailedException>(() => Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new BatchDeployment("linear", endpoint) { Model = model, Compute = "missing-cluster" }));

        Assert.That(refused!.Status, Is.EqualTo(400));
        Assert.That(refused.Message, Does.Contain("Compute 'missing-cluster' does not exist in workspace"));
    }

    [Test]
    public void ClusterSettingsAreCheckedBeforeAnyRequest()
    {
        Assert.That(() => Client.Computes.BeginCreateOrUpdate(WaitUntil.Completed, new AmlCompute("c1") { MaxInstances = 0 }),
            Throws.ArgumentException.With.Message.Contains("Compute 'c1' has MaxInstances 0; a cluster needs at least 1 node"));
        Assert.That(() => Client.Computes.BeginCreateOrUpdate(WaitUntil.Completed, new AmlCompute("c1") { MinInstances = 3, MaxInstances = 2 }),
            Throws.ArgumentException.With.Message.Contains("MinInstances 3; it must be between 0 and MaxInstances (2)"));
        Assert.That(() => Client.Computes.Get("a/b"), Throws.ArgumentException.With.Message.Contains("cannot appear in a resource name"));
        Assert.That(Emulator.Requests.Snapshot().Where(r => r.Path.Contains("/computes/c1", StringComparison.Ordinal) || r.Path.Contains("/computes/a", StringComparison.Ordinal)), Is.Empty);
    }
}
