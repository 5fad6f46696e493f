using System.Text.Json.Nodes;
using Azure;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>
/// What the service does that a client's tests branch on, reproduced by the emulator: deployments of models their
/// container cannot load fail their operation with the reason in the logs, scoring errors are logged, a model from an
/// unknown run is refused, and missing numbers reach the model as NaN.
/// </summary>
public sealed class ServiceBehaviourTests : EmulatorTestBase
{
    private async Task<string> EndpointAsync(string prefix)
    {
        string name = UniqueName(prefix);
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(name));
        return name;
    }

    private static ManagedOnlineDeployment Blue(string endpoint, Model model) =>
        new("blue", endpoint) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 };

    [Test]
    public async Task ADeploymentOfAModelWithoutFilesFailsItsOperationWithTheReasonInTheLogs()
    {
        string endpoint = await EndpointAsync("nofiles");
        Model model = await RegisterModelWithoutFilesAsync(UniqueName("nofiles"));

        var operation = await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Started, Blue(endpoint, model));
        var failed = Assert.ThrowsAsync<RequestFailedException>(async () => await operation.WaitForCompletionAsync());

        Assert.That(failed!.ErrorCode, Is.EqualTo("ModelFilesNotFound"), "the specific code, under UserError");
        Assert.That(failed.Message, Does.Contain("could not be downloaded: there are no files at"));
        Assert.That((await Client.OnlineDeployments.GetAsync("blue", endpoint)).Value.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Failed));
        string storage = (await Client.OnlineDeployments.GetLogsAsync("blue", endpoint, 20, ContainerType.StorageInitializer)).Value;
        Assert.That(storage, Does.Contain("| ERROR | Found 0 file(s).").And.Contain(model.Path));
    }

    [Test]
    public async Task ARegisteredCustomModelWithoutAScoringScriptIsRefusedAsTheServiceRefusesIt()
    {
        string endpoint = await EndpointAsync("custom");
        Model model = (await Client.Models.CreateOrUpdateAsync(new Model
        {
            Name = UniqueName("custom"), Type = ModelType.CustomModel, Path = "azureml://datastores/workspaceblobstore/paths/models/custom/model.pkl",
        })).Value;

        // Referenced by id the client cannot know the model's type, so the service's own rule answers.
        var refused = Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("blue", endpoint) { Model = model.Id!, InstanceType = "Standard_DS3_v2" }));

        Assert.That((refused!.Status, refused.ErrorCode), Is.EqualTo((400, "MissingDriverProgram")));
        Assert.That(refused.Message, Does.Contain("Could not find driver program in the request."));
    }

    [Test]
    public async Task AnMlflowModelWithoutAnMlmodelFileCannotBeDeployedWithoutCode()
    {
        string endpoint = await EndpointAsync("nomlmodel");
        string name = UniqueName("nomlmodel");
        await Emulator.BlobService!.GetBlobContainerClient(Emulator.DefaultDatastoreContainer).UploadBlobAsync($"models/{name}/model.pkl", BinaryData.FromString("not a model"));
        Model model = await RegisterModelWithoutFilesAsync(name); // its path now holds model.pkl, and no MLmodel

        var failed = Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Blue(endpoint, model)));

        Assert.That(failed!.ErrorCode, Is.EqualTo("MlflowModelNotFound"));
        Assert.That(failed.Message, Does.Contain("has no MLmodel file"));
        string storage = (await Client.OnlineDeployments.GetLogsAsync("blue", endpoint, 20, ContainerType.StorageInitializer)).Value;
        Assert.That(storage, Does.Contain("Found 1 file(s): model.pkl.").And.Contain("| ERROR |"));
    }

    [Test]
    public async Task ScoringErrorsAreWrittenToTheDeploymentsLog()
    {
        string endpoint = await EndpointAsync("errlog");
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Blue(endpoint, await RegisterMlflowModelAsync(UniqueName("errlog"))));

        var refused = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(endpoint, ScoringPayload.FromRows(["age"], [[1.0]]), "blue"));

        Assert.That(refused!.Status, Is.EqualTo(400));
        string logs = (await Client.OnlineDeployments.GetLogsAsync("blue", endpoint, 5)).Value;
        Assert.That(logs, Does.Contain("| ERROR | POST /score 400: "));
    }

    [Test]
    public async Task ABodyWithoutInputDataGetsTheServicesMessage()
    {
        string endpoint = await EndpointAsync("noinput");
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Blue(endpoint, await RegisterMlflowModelAsync(UniqueName("noinput"))));

        // The body mlflow models serve takes (dataframe_split at the top level), sent to Azure's MLflow server.
        var refused = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(
            endpoint, BinaryData.FromString("{\"dataframe_split\": {\"columns\": [\"age\"], \"data\": [[1.0]]}}"), "blue"));

        Assert.That(refused!.Status, Is.EqualTo(400));
        Assert.That(refused.Message, Does.Contain("A value is not provided for the 'input_data' parameter."));

        // Records: Azure's MLflow server reads DataFrames in split orientation only.
        DataFramePayload records = ScoringPayload.FromRows(["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"], [[0.01, 0.05, 0.06, 0.02, -0.04, -0.03, -0.04, 0.0, 0.02, -0.02]]);
        records.Orientation = DataFrameOrientation.Records;
        var asRecords = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(endpoint, records, "blue"));
        Assert.That(asRecords!.Status, Is.EqualTo(400));
        Assert.That(asRecords.Message, Does.Contain("reads DataFrames in split orientation only"));
    }

    [Test]
    public void AModelFromARunTheWorkspaceDoesNotHaveIsRefused()
    {
        var refused = Assert.ThrowsAsync<RequestFailedException>(() =>
            Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("norun"), Type = ModelType.MlflowModel, Path = "runs:/no-such-run/model" }));

        Assert.That((refused!.Status, refused.ErrorCode), Is.EqualTo((400, "RunNotFound")));
        Assert.That(refused.Message, Does.Contain("names the run 'no-such-run', which does not exist"));
    }

    [Test]
    public async Task MissingNumbersReachTheModelAsNaN()
    {
        string endpoint = await EndpointAsync("nan");
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, Blue(endpoint, await RegisterMlflowModelAsync(UniqueName("nan"))));
        List<double[]> rows = SampleModel.SampleRows();
        rows[1][2] = double.NaN; // written as null, as pandas writes a missing value

        string[] columns = File.ReadLines(SampleModel.SampleCsv).First().Split(',');
        ScoringResult result = await Client.OnlineEndpoints.InvokeAsync(endpoint, ScoringPayload.FromRows(columns, rows.Select(r => r.Cast<object?>().ToArray())), "blue");

        double[] predictions = result.ToDoubleArray();
        Assert.That(result.Status, Is.EqualTo(200));
        Assert.That(predictions[0], Is.EqualTo(SampleModel.Predict(rows[0])).Within(1e-3));
        Assert.That(double.IsNaN(predictions[1]), Is.True, "a linear model of a NaN input predicts NaN, which comes back as null");
        Assert.That(JsonNode.Parse(result.Content.ToString())!.ToJsonString(), Does.Contain("null"));
    }
}
