using Azure;
using AzureMlflow.Deploy.MlflowDeployments;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Online endpoints and deployments on an attached Kubernetes compute, served by the emulator like managed ones.</summary>
public sealed class KubernetesEndpointTests : EmulatorTestBase
{
    [Test]
    public async Task AKubernetesEndpointIsCreatedDeployedScoredAndDeleted()
    {
        string compute = await AttachKubernetesComputeAsync();
        string name = UniqueName("k8s-ep");
        Model model = await RegisterMlflowModelAsync(UniqueName("k8s-model"));

        OnlineEndpoint created = (await Client.BeginCreateOrUpdateAsync(WaitUntil.Completed, new KubernetesOnlineEndpoint(name, compute))).Value;
        var deployment = new KubernetesOnlineDeployment("blue", name)
        {
            Model = model, InstanceCount = 1, ResourceRequests = new ContainerResources { Cpu = "0.5", Memory = "1Gi" }, ResourceLimits = new ContainerResources { Cpu = "1" },
        };
        await Client.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment);
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, name, new Dictionary<string, int> { ["blue"] = 100 });

        var endpoint = (KubernetesOnlineEndpoint)(await Client.OnlineEndpoints.GetAsync(name)).Value;
        var read = (KubernetesOnlineDeployment)(await Client.OnlineDeployments.GetAsync("blue", name)).Value;
        Assert.That(created, Is.TypeOf<KubernetesOnlineEndpoint>());
        Assert.That((endpoint.Compute, endpoint.Traffic["blue"]), Is.EqualTo(($"{WorkspaceResourceId}/computes/{compute}", 100)));
        Assert.That((read.ProvisioningState, read.ResourceRequests!.Memory, read.ResourceLimits!.Cpu, read.InstanceType),
            Is.EqualTo(((DeploymentProvisioningState?)DeploymentProvisioningState.Succeeded, "1Gi", "1", (string?)null)));
        string sent = Emulator.Requests.Snapshot().Last(r => r.Method == "PUT" && r.Path.EndsWith($"/{name}/deployments/blue", StringComparison.Ordinal)).Body;
        Assert.That(sent, Does.Contain("\"endpointComputeType\":\"Kubernetes\"").And.Contain("\"containerResourceRequests\":{\"cpu\":\"0.5\",\"memory\":\"1Gi\"}"));

        double[] predictions = (await Client.OnlineEndpoints.InvokeAsync(name, ScoringPayload.FromCsvFile(SampleModel.SampleCsv))).Value.ToDoubleArray();
        Assert.That(predictions, Is.EqualTo(SampleModel.SampleRows().Select(SampleModel.Predict).ToArray()).Within(1e-3));

        await Client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, name);
        Assert.That(await Client.OnlineEndpoints.ListAsync().Select(e => e.Name).ToListAsync(), Does.Not.Contain(name));
    }

    [Test]
    public async Task TheServiceRulesOfKubernetesEndpointsHold()
    {
        string compute = await AttachKubernetesComputeAsync();
        string cluster = await CreateClusterAsync();
        Model model = await RegisterMlflowModelAsync(UniqueName("k8s-rules"));
        string kubernetes = UniqueName("k8s-ep");
        string managed = UniqueName("mng-ep");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new KubernetesOnlineEndpoint(kubernetes, compute));
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(managed));

        Assert.That(Refusal(() => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new KubernetesOnlineEndpoint(UniqueName("k8s-ep"), "no-such-compute"))),
            Does.Contain("Compute 'no-such-compute' does not exist"));
        Assert.That(Refusal(() => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new KubernetesOnlineEndpoint(UniqueName("k8s-ep"), cluster))),
            Does.Contain("is a AmlCompute compute; online endpoints run on managed infrastructure or on an attached Kubernetes compute"));
        Assert.That(Refusal(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("blue", kubernetes) { Model = model, InstanceType = "Standard_DS3_v2" })), Does.Contain("A managed deployment cannot be created on endpoint"));
        Assert.That(Refusal(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new KubernetesOnlineDeployment("blue", managed) { Model = model })), Does.Contain("A Kubernetes deployment cannot be created on endpoint"));
        Assert.That(Refusal(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new KubernetesOnlineDeployment("blue", kubernetes) { Model = model, InstanceType = "gpu-large" })), Does.Contain("Instance type 'gpu-large' is not defined on Kubernetes compute"));
        Assert.That(() => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new KubernetesOnlineEndpoint(UniqueName("k8s-ep"), " ")),
            Throws.ArgumentException.With.Message.Contains("has no Compute"));
    }

    [Test]
    public async Task AnAksDeployConfigOfTheMlflowPluginDeploysToTheAttachedCompute()
    {
        string compute = await AttachKubernetesComputeAsync();
        Model model = await RegisterMlflowModelAsync(UniqueName("aks-model"));
        string name = UniqueName("aks");
        var mlflow = new MlflowDeploymentClient(Client);

        OnlineDeployment deployment = (await mlflow.CreateDeploymentAsync(name, $"models:/{model.Name}/{model.Version}",
            new Dictionary<string, string> { ["computeType"] = "aks", ["computeTargetName"] = compute, ["numReplicas"] = "2", ["containerResourceRequirements"] = """{"cpu": 0.5, "memoryInGB": 1}""" })).Value;

        Assert.That(deployment, Is.TypeOf<KubernetesOnlineDeployment>());
        Assert.That((deployment.InstanceCount, ((KubernetesOnlineDeployment)deployment).ResourceRequests!.Memory), Is.EqualTo(((int?)2, "1Gi")));
        Assert.That(((KubernetesOnlineEndpoint)(await Client.OnlineEndpoints.GetAsync(name)).Value).Compute, Does.EndWith($"/computes/{compute}"));
        Assert.That((await mlflow.PredictAsync(name, ScoringPayload.FromCsvFile(SampleModel.SampleCsv))).Value.ToDoubleArray(), Has.Length.EqualTo(SampleModel.SampleRows().Count()));
    }

    private static string Refusal(Func<Task> call) => Assert.ThrowsAsync<RequestFailedException>(async () => await call())!.Message;
}
