using Azure;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Tests.Mocking;

/// <summary>
/// What a user's unit test does without any HTTP: subclass <see cref="MLClient"/> and an operation group, return entities
/// made by <see cref="MLModelFactory"/>, and test code that takes an <see cref="MLClient"/>.
/// </summary>
public sealed class MockingTests
{
    /// <summary>The user's code under test: picks the deployment with the most traffic and scores a row on it.</summary>
    private static async Task<(string Deployment, double Prediction)> ScoreOnBusiestDeploymentAsync(MLClient client, string endpoint)
    {
        OnlineEndpoint current = (await client.OnlineEndpoints.GetAsync(endpoint)).Value;
        string busiest = current.Traffic.OrderByDescending(t => t.Value).First().Key;
        ScoringResult result = await client.OnlineEndpoints.InvokeAsync(endpoint, ScoringPayload.FromRows(["x"], [[1.0]]), busiest);
        return (busiest, result.ToDoubleArray()[0]);
    }

    private sealed class FakeEndpoints : OnlineEndpointOperations
    {
        public List<string?> InvokedDeployments { get; } = [];

        public override Task<Response<OnlineEndpoint>> GetAsync(string name, CancellationToken cancellationToken = default) =>
            Task.FromResult(Response.FromValue<OnlineEndpoint>(
                MLModelFactory.ManagedOnlineEndpoint(name, provisioningState: "Succeeded", scoringUri: new Uri($"https://{name}.eastus.inference.ml.azure.com/score"),
                    traffic: new Dictionary<string, int> { ["blue"] = 10, ["green"] = 90 }),
                new FakeResponse(200)));

        public override Task<Response<ScoringResult>> InvokeAsync(string endpointName, ScoringPayload payload, string? deploymentName = null, CancellationToken cancellationToken = default)
        {
            InvokedDeployments.Add(deploymentName);
            return Task.FromResult(Response.FromValue(MLModelFactory.ScoringResult(BinaryData.FromString("[42.5]"), deploymentName: deploymentName), new FakeResponse(200)));
        }
    }

    private sealed class FakeClient(FakeEndpoints endpoints) : MLClient
    {
        public override OnlineEndpointOperations OnlineEndpoints => endpoints;
    }

    [Test]
    public async Task AUserMocksMLClientWithPlainSubclasses()
    {
        var endpoints = new FakeEndpoints();

        (string deployment, double prediction) = await ScoreOnBusiestDeploymentAsync(new FakeClient(endpoints), "churn");

        Assert.That((deployment, prediction), Is.EqualTo(("green", 42.5)));
        Assert.That(endpoints.InvokedDeployments, Is.EqualTo(new[] { "green" }));
    }

    [Test]
    public void TheFactorySetsTheFieldsOnlyTheServiceSets()
    {
        DateTimeOffset created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Model model = MLModelFactory.Model("m", "3", ModelType.MlflowModel, "azureml://x", id: "/subscriptions/s/models/m/versions/3", isArchived: true, latestVersion: "4", createdOn: created);
        Assert.That((model.Id, model.IsArchived, model.LatestVersion, model.CreatedOn, model.Type), Is.EqualTo(("/subscriptions/s/models/m/versions/3", true, "4", (DateTimeOffset?)created, ModelType.MlflowModel)));

        ManagedOnlineDeployment deployment = MLModelFactory.ManagedOnlineDeployment("blue", "ep", id: "/d/blue", provisioningState: "Failed", model: "azureml:m:3");
        Assert.That((deployment.Name, deployment.Id, deployment.ProvisioningState, deployment.Model!.Reference), Is.EqualTo(("blue", "/d/blue", DeploymentProvisioningState.Failed, "azureml:m:3")));

        BatchJob job = MLModelFactory.BatchJob("job-1", JobStatus.Failed, "ep", "d", errorCode: "UserError", errorMessage: "bad rows", outputs: new Dictionary<string, string> { ["score"] = "azureml://out" });
        Assert.That((job.Status, job.ErrorCode, job.ErrorMessage, job.Outputs["score"]), Is.EqualTo((JobStatus.Failed, "UserError", "bad rows", "azureml://out")));

        BatchEndpoint batch = MLModelFactory.BatchEndpoint("be", scoringUri: new Uri("https://be.eastus.inference.ml.azure.com/jobs"), provisioningState: "Succeeded", defaultDeploymentName: "d");
        Assert.That((batch.ScoringUri!.AbsolutePath, batch.ProvisioningState, batch.DefaultDeploymentName), Is.EqualTo(("/jobs", EndpointProvisioningState.Succeeded, "d")));

        Datastore store = MLModelFactory.Datastore("workspaceblobstore", "acct", "container", isDefault: true, credentialsType: "AccountKey");
        Assert.That(store.BlobServiceUri, Is.EqualTo(new Uri("https://acct.blob.core.windows.net/")));

        Workspace workspace = MLModelFactory.Workspace("ws", "westeurope", mlflowTrackingUri: "azureml://westeurope.api.azureml.ms/mlflow/v1.0/x");
        Assert.That((workspace.Location, workspace.MlflowTrackingUri), Is.EqualTo(("westeurope", "azureml://westeurope.api.azureml.ms/mlflow/v1.0/x")));

        Assert.That(MLModelFactory.ManagedIdentity(ManagedIdentityType.SystemAssigned, "pid", "tid").ToString(), Is.EqualTo("SystemAssigned (pid)"));
    }

    [Test]
    public void EveryTypeUsersCannotConstructComesFromTheModelFactory()
    {
        // Output-only types (no public constructor nor public static method that makes one, not a client, operation group,
        // operation or exception) are what a user's test needs to fake a response; each must have a factory method.
        Type[] exported = typeof(MLClient).Assembly.GetExportedTypes();
        HashSet<Type> madeElsewhere = [.. exported.Where(t => t != typeof(MLModelFactory))
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)).Select(m => m.ReturnType)];
        Type[] outputOnly = [.. exported.Where(t =>
            t is { IsAbstract: false, IsEnum: false, IsInterface: false } && !t.IsSubclassOf(typeof(Exception)) && !t.IsSubclassOf(typeof(Operation)) &&
            !t.Name.EndsWith("Operations", StringComparison.Ordinal) && !t.Name.EndsWith("Client", StringComparison.Ordinal) &&
            t.GetConstructors().Length == 0 && (t.IsClass || t.GetProperties().Length > 0) && !IsExtensibleEnum(t) && !madeElsewhere.Contains(t))];
        Type[] made = [.. typeof(MLModelFactory).GetMethods().Select(m => m.ReturnType)];

        Assert.That(outputOnly, Is.Not.Empty);
        Assert.That(outputOnly.Where(t => !made.Contains(t)).Select(t => t.FullName), Is.Empty);
        Assert.That(outputOnly.Select(t => t.Name), Does.Contain(nameof(JobEvent)).And.Contain(nameof(Workspace)).And.Contain(nameof(AzureMlflow.Deploy.Mlflow.MlflowSignature)));

        static bool IsExtensibleEnum(Type t) => t.IsValueType && t.GetConstructor([typeof(string)]) is not null;
    }

    [Test]
    public void TheFactoryBuildsMlflowModelsAndCredentials()
    {
        var signature = MLModelFactory.MlflowSignature(MLModelFactory.MlflowSchema([MLModelFactory.MlflowColumnSpec("age", "double")]));
        var model = MLModelFactory.MlflowModel([MLModelFactory.MlflowFlavor("python_function", new Dictionary<string, string> { ["loader_module"] = "mlflow.sklearn" })], signature);
        Assert.That((model.Flavors["python_function"].Properties["loader_module"], model.Signature!.Inputs!.Columns.Single().Name), Is.EqualTo(("mlflow.sklearn", "age")));

        EndpointAuthKeys keys = MLModelFactory.EndpointAuthKeys("primary", "secondary");
        Assert.That((keys.BearerValue, keys.ToString()), Is.EqualTo(("primary", "EndpointAuthKeys (primary and secondary key, values hidden)")));
        JobEvent e = MLModelFactory.JobEvent(JobStatus.Running, "scored 10 rows", MLModelFactory.BatchJob("job-1", JobStatus.Running));
        Assert.That((e.IsStatusChange, e.Job.Name), Is.EqualTo((false, "job-1")));
        Assert.That(MLModelFactory.UploadProgress(10, 20, 1, 2).ToString(), Is.EqualTo("10/20 bytes, 1/2 files"));
        KubernetesOnlineEndpoint k8s = MLModelFactory.KubernetesOnlineEndpoint("ep", "/computes/aks", provisioningState: "Succeeded", traffic: new Dictionary<string, int> { ["blue"] = 100 });
        Assert.That((k8s.Compute, k8s.ProvisioningState, k8s.Traffic["blue"]), Is.EqualTo(("/computes/aks", (EndpointProvisioningState?)EndpointProvisioningState.Succeeded, 100)));
        AmlCompute cluster = MLModelFactory.AmlCompute("cpu", "Standard_DS3_v2", 0, 4, provisioningState: "Succeeded", currentNodeCount: 2);
        Assert.That((cluster.MaxInstances, cluster.CurrentNodeCount, cluster.ToString()), Is.EqualTo((4, (int?)2, "AmlCompute 'cpu' (Standard_DS3_v2, 0-4 nodes, state Succeeded)")));
    }

    [Test]
    public void AMockClientSaysWhatItIsInsteadOfFailingWithNulls()
    {
        var client = new FakeClient(new FakeEndpoints());
        Assert.That(client.ToString(), Is.EqualTo("MLClient (mock)"));
        Assert.That(() => client.SubscriptionId, Throws.InvalidOperationException.With.Message.Contains("created for mocking"));
    }
}
