using System.Text.Json.Nodes;
using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Batch endpoints and MLflow batch deployments: create, default deployment, read back, validation, delete.</summary>
public sealed class BatchEndpointTests : EmulatorTestBase
{
    [Test]
    public async Task ABatchEndpointWithAnMlflowDeploymentIsCreatedReadAndDeleted()
    {
        string endpointName = UniqueName("batch");
        BatchEndpoint endpoint = (await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpointName) { Description = "heart" })).Value;
        Assert.That(endpoint.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
        Assert.That(endpoint.AuthMode, Is.EqualTo(EndpointAuthMode.AadToken));
        Assert.That(endpoint.ScoringUri!.AbsolutePath, Does.EndWith("/jobs"));
        string cluster = await CreateClusterAsync();

        var deployment = new BatchDeployment("Classifier", endpointName)
        {
            Model = new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder },
            Compute = cluster,
            InstanceCount = 2,
            MiniBatchSize = 3,
            MaxConcurrencyPerInstance = 2,
            ErrorThreshold = 1,
            RetrySettings = new BatchRetrySettings { MaxRetries = 2, Timeout = TimeSpan.FromSeconds(45) },
        };
        BatchDeployment created = (await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment)).Value;

        Assert.That(created.Name, Is.EqualTo("classifier"));
        Assert.That(created.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Succeeded));
        Assert.That(created.OutputFileName, Is.EqualTo("predictions.csv"), "the service default");
        Assert.That(created.OutputAction, Is.EqualTo(BatchOutputAction.AppendRow));
        Assert.That(created.RetrySettings!.Timeout, Is.EqualTo(TimeSpan.FromSeconds(45)));
        JsonObject sent = JsonNode.Parse(Emulator.Requests.Snapshot().Last(r => r.Method == "PUT" && r.Path.Contains("/batchEndpoints/", StringComparison.Ordinal) && r.Path.Contains("/deployments/", StringComparison.Ordinal)).Body)!.AsObject();
        Assert.That(sent["properties"]!["model"]!["referenceType"]!.GetValue<string>(), Is.EqualTo("Id"));
        Assert.That(sent["properties"]!["compute"]!.GetValue<string>(), Does.EndWith($"/computes/{cluster}"));
        Assert.That(sent["properties"]!["resources"]!["instanceCount"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(sent["properties"]!["environmentId"], Is.Null);

        BatchEndpoint withDefault = (await Client.BatchEndpoints.BeginUpdateDefaultDeploymentAsync(WaitUntil.Completed, endpointName, "classifier")).Value;
        Assert.That(withDefault.DefaultDeploymentName, Is.EqualTo("classifier"));
        Assert.That(Client.BatchEndpoints.List().Select(e => e.Name), Does.Contain(endpointName));
        Assert.That(Client.BatchDeployments.List(endpointName).Select(d => d.Name), Is.EqualTo(new[] { "classifier" }));

        await Client.BatchEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);
        Assert.That(Assert.ThrowsAsync<RequestFailedException>(() => Client.BatchEndpoints.GetAsync(endpointName))!.Status, Is.EqualTo(404));
    }

    [Test]
    public void BatchRulesAreCheckedBeforeAnyRequest()
    {
        Assert.That(() => Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint("keyed") { AuthMode = EndpointAuthMode.Key }),
            Throws.ArgumentException.With.Message.Contains("accept only AadToken"));
        var summaryWithFile = new BatchDeployment("dep", "valid-ep") { Model = "azureml:m:1", Compute = "c", OutputAction = BatchOutputAction.SummaryOnly, OutputFileName = "out.csv" };
        Assert.That(() => Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, summaryWithFile),
            Throws.ArgumentException.With.Message.Contains("SummaryOnly"));
        var noCompute = new BatchDeployment("dep", "valid-ep") { Model = "azureml:m:1" };
        Assert.That(() => Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, noCompute), Throws.ArgumentException.With.Message.Contains("Compute"));
        var zeroBatch = new BatchDeployment("dep", "valid-ep") { Model = "azureml:m:1", Compute = "c", MiniBatchSize = 0 };
        Assert.That(() => Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, zeroBatch), Throws.ArgumentException.With.Message.Contains("MiniBatchSize"));
        Assert.That(Emulator.Requests.Snapshot(), Is.Empty);
    }
}
