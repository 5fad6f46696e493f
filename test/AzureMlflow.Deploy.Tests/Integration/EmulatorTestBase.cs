using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>One emulator per fixture, cleared of faults and request history before each test.</summary>
public abstract class EmulatorTestBase
{
    internal WorkspaceEmulator Emulator { get; private set; } = null!;
    internal MLClient Client { get; private set; } = null!;
    internal FakeCredential Credential { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartEmulator()
    {
        Emulator = await EmulatorClients.StartFastAsync(Configure);
        Credential = new FakeCredential();
        Client = EmulatorClients.Create(Emulator, Credential);
    }

    /// <summary>Adjusts the fixture's emulator (page size, storage...) before it starts.</summary>
    protected virtual void Configure(EmulatorOptions options)
    {
    }

    [OneTimeTearDown]
    public async Task StopEmulator() => await Emulator.DisposeAsync();

    /// <summary>Clears faults and the request log before each test; fixtures whose tests run side by side override it.</summary>
    [SetUp]
    public virtual void ResetEmulator()
    {
        Emulator.Faults.Clear();
        Emulator.Requests.Clear();
    }

    /// <summary>A name unique to the test, so tests sharing an emulator never collide.</summary>
    protected static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(32, prefix.Length + 9)];

    /// <summary>Creates a compute cluster for batch deployments to run on (each caller its own, so parallel tests never race on one).</summary>
    internal async Task<string> CreateClusterAsync(MLClient? client = null)
    {
        string name = UniqueName("cpu");
        await (client ?? Client).Computes.BeginCreateOrUpdateAsync(WaitUntil.Completed, new AmlCompute(name) { Size = "Standard_DS3_v2", MaxInstances = 2 });
        return name;
    }

    /// <summary>Attaches a Kubernetes compute the way the portal or CLI does (this SDK reads computes it cannot attach).</summary>
    internal async Task<string> AttachKubernetesComputeAsync(string? name = null)
    {
        name ??= UniqueName("k8s");
        using var http = new HttpClient(Emulator.CreateHttpMessageHandler()) { BaseAddress = Emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "test");
        const string Cluster = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1";
        string body = "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"Kubernetes\",\"resourceId\":\"" + Cluster + "\",\"properties\":{\"namespace\":\"ml\"}}}";
        using HttpResponseMessage attached = await http.PutAsync(
            $"{WorkspaceResourceId}/computes/{name}?api-version=2024-04-01", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        attached.EnsureSuccessStatusCode();
        await Eventually.UntilAsync(async () => (await Client.Computes.GetAsync(name)).Value, c => c.ProvisioningState == ComputeProvisioningState.Succeeded, "the attach finished");
        return name;
    }

    /// <summary>The emulated workspace's ARM id.</summary>
    protected string WorkspaceResourceId =>
        $"/subscriptions/{Emulator.Options.SubscriptionId}/resourceGroups/{Emulator.Options.ResourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/{Emulator.Options.WorkspaceName}";

    /// <summary>Registers the sample MLflow model under <paramref name="name"/> (its files are uploaded once per emulator, then found by their hash).</summary>
    internal async Task<Model> RegisterMlflowModelAsync(string name) =>
        (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = SampleModel.Folder })).Value;

    /// <summary>Registers an MLflow model at a datastore path that holds no files (a deployment of it fails, as on the service).</summary>
    internal async Task<Model> RegisterModelWithoutFilesAsync(string name) =>
        (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = $"azureml://datastores/workspaceblobstore/paths/models/{name}" })).Value;
}
