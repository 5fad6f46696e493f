using System.Text.Json.Nodes;
using Azure;
using AzureMlflow.Deploy.Emulator.Diagnostics;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>The whole online story over real HTTPS against the emulator: endpoint, model, deployment, traffic, keys, logs, teardown.</summary>
public sealed class OnlineLifecycleTests : EmulatorTestBase
{
    [Test]
    public async Task CreateRegisterDeployRouteInspectAndTearDown()
    {
        string endpointName = UniqueName("ep");

        var created = await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineEndpoint(endpointName) { Description = "lifecycle", Tags = { ["team"] = "ml" } });
        OnlineEndpoint endpoint = created.Value;
        Assert.That(endpoint.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
        Assert.That(endpoint.Location, Is.EqualTo("eastus"), "new resources take the workspace's location");
        Assert.That(endpoint.ScoringUri, Is.Not.Null);
        Assert.That(endpoint.Tags["team"], Is.EqualTo("ml"));

        Model model = await RegisterMlflowModelAsync(UniqueName("diabetes"));
        Assert.That(model.Version, Is.EqualTo("1"));

        var deployed = await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("Blue", endpointName) { Model = $"azureml:{model.Name}:1", InstanceType = "Standard_DS3_v2", InstanceCount = 2 });
        Assert.That(deployed.Value.Name, Is.EqualTo("blue"), "deployment names are lower-cased");
        Assert.That(deployed.Value.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Succeeded));
        Assert.That(deployed.Value.InstanceCount, Is.EqualTo(2));
        JsonObject sentDeployment = LastBody("PUT", "/deployments/blue");
        Assert.That(sentDeployment["sku"]!.ToJsonString(), Is.EqualTo("""{"name":"Default","capacity":2}"""));
        Assert.That(sentDeployment["properties"]!["environmentId"], Is.Null, "an MLflow model is deployed without an environment");
        Assert.That(sentDeployment["properties"]!["codeConfiguration"], Is.Null, "an MLflow model is deployed without a scoring script");
        Assert.That(sentDeployment["properties"]!["model"]!.GetValue<string>(), Does.EndWith($"/models/{model.Name}/versions/1"));

        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int> { ["blue"] = 100 });
        Assert.That((await Client.OnlineEndpoints.GetAsync(endpointName)).Value.Traffic["blue"], Is.EqualTo(100));

        var endpoints = new List<string>();
        await foreach (ManagedOnlineEndpoint listed in Client.OnlineEndpoints.ListAsync())
        {
            endpoints.Add(listed.Name);
        }
        Assert.That(endpoints, Does.Contain(endpointName));
        Assert.That(Client.OnlineDeployments.List(endpointName).Select(d => d.Name), Is.EqualTo(new[] { "blue" }));

        var keys = (EndpointAuthKeys)(await Client.OnlineEndpoints.GetKeysAsync(endpointName)).Value;
        Assert.That(keys.PrimaryKey, Is.Not.Empty);
        Assert.That(keys.SecondaryKey, Is.Not.EqualTo(keys.PrimaryKey));

        await Client.OnlineEndpoints.BeginRegenerateKeysAsync(WaitUntil.Completed, endpointName, KeyType.Primary);
        var regenerated = (EndpointAuthKeys)(await Client.OnlineEndpoints.GetKeysAsync(endpointName)).Value;
        Assert.That(regenerated.PrimaryKey, Is.Not.EqualTo(keys.PrimaryKey));
        Assert.That(regenerated.SecondaryKey, Is.EqualTo(keys.SecondaryKey));

        string logs = (await Client.OnlineDeployments.GetLogsAsync("blue", endpointName, lines: 50)).Value;
        Assert.That(logs, Does.Contain("Loading MLflow model"));
        string storageLogs = (await Client.OnlineDeployments.GetLogsAsync("blue", endpointName, 50, ContainerType.StorageInitializer)).Value;
        Assert.That(storageLogs, Does.Contain(model.Path).And.Contain("file(s): MLmodel"), "the model's path and the files downloaded");
        Assert.That(logs, Does.Contain("Instance type: Standard_DS3_v2, instances: 2"));

        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int>());
        await Client.OnlineDeployments.BeginDeleteAsync(WaitUntil.Completed, "blue", endpointName);
        Assert.That(Client.OnlineDeployments.List(endpointName), Is.Empty);

        await Client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);
        var gone = Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineEndpoints.GetAsync(endpointName));
        Assert.That(gone!.Status, Is.EqualTo(404));
        Assert.That(gone.ErrorCode, Is.EqualTo("EndpointNotFound"));
    }

    [Test]
    public void TheSynchronousApiDoesTheSameOverTheSamePaths()
    {
        string endpointName = UniqueName("sync");
        var operation = Client.OnlineEndpoints.BeginCreateOrUpdate(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));
        Assert.That(operation.HasCompleted, Is.True);
        Assert.That(operation.Value.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
        Assert.That(Client.OnlineEndpoints.Get(endpointName).Value.Name, Is.EqualTo(endpointName));
        Assert.That(Client.OnlineEndpoints.List().Select(e => e.Name), Does.Contain(endpointName));

        MLOperation delete = Client.OnlineEndpoints.BeginDelete(WaitUntil.Completed, endpointName);
        Assert.That(delete.HasCompleted, Is.True);
        Assert.Throws<RequestFailedException>(() => Client.OnlineEndpoints.Get(endpointName));
    }

    [Test]
    public async Task GetReportsZeroTrafficForDeploymentsTheServiceLeavesOut()
    {
        string endpointName = UniqueName("zero");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));
        Model model = await RegisterMlflowModelAsync(UniqueName("zero"));
        foreach (string name in new[] { "blue", "green" })
        {
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
                new ManagedOnlineDeployment(name, endpointName) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
        }
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int> { ["blue"] = 100 });

        OnlineEndpoint endpoint = (await Client.OnlineEndpoints.GetAsync(endpointName)).Value;

        Assert.That(endpoint.Traffic, Is.EquivalentTo(new Dictionary<string, int> { ["blue"] = 100, ["green"] = 0 }));
    }

    [Test]
    public async Task TheWorkspaceLocationIsFetchedOnceAndReused()
    {
        MLClient client = Infrastructure.EmulatorClients.Create(Emulator);
        await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineEndpoint(UniqueName("loc")));
        await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineEndpoint(UniqueName("loc")));

        IEnumerable<RecordedRequest> workspaceGets = Emulator.Requests.Snapshot().Where(r => r.Method == "GET" && r.Path == Emulator.WorkspaceResourceId);
        Assert.That(workspaceGets.Count(), Is.EqualTo(1));
        Assert.That(LastBody("PUT", "/onlineEndpoints/")["location"]!.GetValue<string>(), Is.EqualTo("eastus"));
    }

    [Test]
    public async Task AmlTokenEndpointsHandOutATokenWithItsExpiryAndRefuseKeyRegeneration()
    {
        string endpointName = UniqueName("aml");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName) { AuthMode = EndpointAuthMode.AmlToken });

        var token = (EndpointAuthToken)(await Client.OnlineEndpoints.GetKeysAsync(endpointName)).Value;

        Assert.That(token.AccessToken, Is.Not.Empty);
        Assert.That(token.ExpiresOn, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(30)));
        Assert.That(token.ToString(), Does.Not.Contain(token.AccessToken));
        Assert.That(Emulator.Requests.Snapshot().Any(r => r.Path.EndsWith("/token", StringComparison.Ordinal)), Is.True);

        Emulator.Requests.Clear();
        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => Client.OnlineEndpoints.BeginRegenerateKeysAsync(WaitUntil.Completed, endpointName));
        Assert.That(refused!.Message, Does.Contain("does not use keys"));
        Assert.That(Emulator.Requests.Snapshot().Where(r => r.Method == "POST"), Is.Empty);
    }

    [Test]
    public async Task TheServiceRefusesToDeleteADeploymentThatStillHasTraffic()
    {
        string endpointName = UniqueName("busy");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName));
        Model model = await RegisterMlflowModelAsync(UniqueName("busy"));
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("blue", endpointName) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int> { ["blue"] = 100 });

        var refused = Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineDeployments.BeginDeleteAsync(WaitUntil.Completed, "blue", endpointName));

        Assert.That(refused!.Status, Is.EqualTo(400));
        Assert.That(refused.Message, Does.Contain("Set its traffic to 0"));
        Assert.That((await Client.OnlineDeployments.GetAsync("blue", endpointName)).Value.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Succeeded));
    }

    private JsonObject LastBody(string method, string pathContains) =>
        JsonNode.Parse(Emulator.Requests.Snapshot().Last(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal)).Body)!.AsObject();
}
