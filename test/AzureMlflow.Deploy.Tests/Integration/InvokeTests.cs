using Azure;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Emulator.Faults;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Invoking deployed models over real HTTPS: the emulator runs the sample ONNX model for real.</summary>
public sealed class InvokeTests : EmulatorTestBase
{
    private string _endpoint = null!;
    private Model _model = null!;

    [OneTimeSetUp]
    public async Task DeploySampleModel()
    {
        _endpoint = UniqueName("score");
        _model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder })).Value;
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(_endpoint));
        foreach (string name in new[] { "blue", "green" })
        {
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
                new ManagedOnlineDeployment(name, _endpoint) { Model = _model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
        }
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, _endpoint, new Dictionary<string, int> { ["blue"] = 70, ["green"] = 30 });
    }

    [Test]
    public async Task InvokeReturnsTheOnnxModelsRealPredictions()
    {
        DataFramePayload payload = ScoringPayload.FromCsvFile(SampleModel.SampleCsv);
        payload.Validate(MlflowModel.Load(SampleModel.Folder).Signature!);

        ScoringResult result = await Client.OnlineEndpoints.InvokeAsync(_endpoint, payload);

        double[] expected = SampleModel.SampleRows().Select(SampleModel.Predict).ToArray();
        Assert.That(result.Status, Is.EqualTo(200));
        Assert.That(result.DeploymentName, Is.AnyOf("blue", "green"));
        Assert.That(result.ToDoubleArray(), Is.EqualTo(expected).Within(1e-3));
        Assert.That(expected.Distinct().Count(), Is.EqualTo(expected.Length), "the rows give different predictions, so a wrong row order would show");
    }

    [Test]
    public async Task AFirstInvokeReadsTheEndpointOnceThenItsKeyAndSendsTheBodyWithItsLength()
    {
        MLClient fresh = EmulatorClients.Create(Emulator); // a client that has not scored this endpoint yet
        DataFramePayload payload = ScoringPayload.FromCsvFile(SampleModel.SampleCsv);

        await fresh.OnlineEndpoints.InvokeAsync(_endpoint, payload);

        RecordedRequest[] sent = [.. Emulator.Requests.Snapshot()];
        Assert.That(sent.Select(r => $"{r.Method} {r.Path[(r.Path.LastIndexOf('/') + 1)..]}"), Is.EqualTo(new[] { $"GET {_endpoint}", "POST listKeys", "POST score" }),
            "as Python's invoke: the endpoint (scoring URI and auth mode) once, its key, the call");
        RecordedRequest score = sent[^1];
        Assert.That(score.Headers.ContainsKey("Transfer-Encoding"), Is.False, "not chunked");
        Assert.That(score.Headers["Content-Length"], Is.EqualTo(System.Text.Encoding.UTF8.GetByteCount(score.Body).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(score.Body, Is.EqualTo(payload.ToJson()));
    }

    [Test]
    public async Task TheApplicationIdIsInTheUserAgentOfScoringCallsToo()
    {
        MLClientOptions options = EmulatorClients.Options(Emulator);
        options.Diagnostics.ApplicationId = "invoke-app/1.0";
        MLClient tagged = EmulatorClients.Create(Emulator, options: options);

        await tagged.OnlineEndpoints.InvokeAsync(_endpoint, ScoringPayload.FromCsvFile(SampleModel.SampleCsv));

        RecordedRequest[] sent = [.. Emulator.Requests.Snapshot()];
        Assert.That(sent.Select(r => r.Path), Has.Some.EndsWith("/listKeys").And.Some.EndsWith("/score"));
        Assert.That(sent.Select(r => r.Headers["User-Agent"]), Has.All.StartsWith("invoke-app/1.0 azsdk-net-"), "ARM and scoring requests alike");
    }

    [Test]
    public async Task TheHeaderPinsADeploymentAndTrafficSplitsTheRest()
    {
        DataFramePayload payload = ScoringPayload.FromCsvFile(SampleModel.SampleCsv);
        IReadOnlyDictionary<string, DeploymentTraffic> before = Emulator.GetScoringTraffic(_endpoint);

        for (int i = 0; i < 5; i++)
        {
            Assert.That((await Client.OnlineEndpoints.InvokeAsync(_endpoint, payload, deploymentName: "green")).Value.DeploymentName, Is.EqualTo("green"));
        }
        var served = new List<string?>();
        for (int i = 0; i < 40; i++)
        {
            served.Add((await Client.OnlineEndpoints.InvokeAsync(_endpoint, payload)).Value.DeploymentName);
        }

        Assert.That(served, Does.Contain("blue").And.Contain("green"));
        Assert.That(served.Count(s => s == "blue"), Is.GreaterThan(served.Count(s => s == "green")), "70/30 split");
        IReadOnlyDictionary<string, DeploymentTraffic> after = Emulator.GetScoringTraffic(_endpoint);
        Assert.That(after["green"].LiveRequests - before["green"].LiveRequests, Is.EqualTo(5 + served.Count(s => s == "green")));
        Assert.That(Emulator.Requests.Snapshot().Where(r => r.Path.EndsWith("/score", StringComparison.Ordinal)).Skip(5)
            .Any(r => r.Headers.ContainsKey("azureml-model-deployment")), Is.False, "the header of one call never leaks into the next");
    }

    [Test]
    public async Task ThrottlingIsRetriedAfterRetryAfter()
    {
        Emulator.Faults.Add(new FaultRule { Method = "POST", PathContains = "/score", StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(1) });

        ScoringResult result = await Client.OnlineEndpoints.InvokeAsync(_endpoint, ScoringPayload.FromCsvFile(SampleModel.SampleCsv));

        List<RecordedRequest> scores = Emulator.Requests.Snapshot().Where(r => r.Path.EndsWith("/score", StringComparison.Ordinal)).ToList();
        Assert.That(result.Status, Is.EqualTo(200));
        Assert.That(scores.Select(r => r.StatusCode).ToArray(), Is.EqualTo(new[] { 429, 200 }));
        Assert.That(scores[1].ReceivedAt - scores[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [Test]
    public async Task ARotatedKeyIsPickedUpAfterOne401()
    {
        DataFramePayload payload = ScoringPayload.FromCsvFile(SampleModel.SampleCsv);
        await Client.OnlineEndpoints.InvokeAsync(_endpoint, payload);
        await Client.OnlineEndpoints.BeginRegenerateKeysAsync(WaitUntil.Completed, _endpoint, KeyType.Primary);
        Emulator.Requests.Clear();

        ScoringResult result = await Client.OnlineEndpoints.InvokeAsync(_endpoint, payload);

        IReadOnlyList<RecordedRequest> requests = Emulator.Requests.Snapshot();
        Assert.That(result.Status, Is.EqualTo(200));
        Assert.That(requests.Where(r => r.Path.EndsWith("/score", StringComparison.Ordinal)).Select(r => r.StatusCode).ToArray(), Is.EqualTo(new[] { 401, 200 }));
        Assert.That(requests.Count(r => r.Path.EndsWith("/listKeys", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void TheModelsOwnMessageComesBackForBadInput()
    {
        DataFramePayload missingColumn = ScoringPayload.FromRows(["age", "sex"], [[0.1, 0.2]]);

        var error = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(_endpoint, missingColumn));

        Assert.That(error!.Status, Is.EqualTo(400));
        Assert.That(error.Message, Does.Contain("Model is missing inputs").And.Contain("'bmi'"));
        Assert.That(error.ErrorCode, Is.EqualTo("BAD_REQUEST"));
    }

    [Test]
    public void AValidatedPayloadFailsBeforeAnyRequest()
    {
        DataFramePayload missingColumn = ScoringPayload.FromRows(["age", "sex"], [[0.1, 0.2]]);
        var error = Assert.Throws<PayloadValidationException>(() => missingColumn.Validate(MlflowModel.Load(SampleModel.Folder).Signature!));
        Assert.That(error!.Message, Does.Contain("'bmi'"));
    }

    [Test]
    public async Task RequestFilesAndRawBodiesAreSentAsTheyAre()
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, ScoringPayload.FromCsvFile(SampleModel.SampleCsv).ToJson());
            ScoringResult fromFile = await Client.OnlineEndpoints.InvokeAsync(_endpoint, file, "blue");
            Assert.That(fromFile.ToDoubleArray(), Has.Length.EqualTo(SampleModel.SampleRows().Count));
        }
        finally
        {
            File.Delete(file);
        }
        Assert.ThrowsAsync<FileNotFoundException>(() => Client.OnlineEndpoints.InvokeAsync(_endpoint, "/no/such/request.json"));
    }

    [Test]
    public async Task AmlTokenEndpointsAreCalledWithAFreshToken()
    {
        string endpoint = UniqueName("amltok");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint) { AuthMode = EndpointAuthMode.AmlToken });
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("blue", endpoint) { Model = _model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });

        ScoringResult result = Client.OnlineEndpoints.Invoke(endpoint, ScoringPayload.FromCsvFile(SampleModel.SampleCsv), "blue");

        Assert.That(result.ToDoubleArray(), Has.Length.EqualTo(SampleModel.SampleRows().Count));
        var noTraffic = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(endpoint, ScoringPayload.FromCsvFile(SampleModel.SampleCsv)));
        Assert.That(noTraffic!.Status, Is.EqualTo(424));
        Assert.That(noTraffic.Message, Does.Contain("No valid deployments to route to"));
    }

    [Test]
    public async Task ACustomScorerStandsInForAModelAndMirrorTrafficIsCopied()
    {
        using var folders = new ModelFolders();
        string endpoint = UniqueName("custom");
        Model sklearn = (await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("sk"), Type = ModelType.MlflowModel, Path = folders.CreateDiabetes("sk") })).Value;
        // Registered before the deployment: the scorer stands in for the model's container, so its (fake) files are never loaded.
        Emulator.Scorers.Register(sklearn.Name!, request => new System.Text.Json.Nodes.JsonArray(
            request["input_data"]!["data"]!.AsArray().Select(_ => (System.Text.Json.Nodes.JsonNode?)42.0).ToArray()));
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("skl", endpoint) { Model = sklearn, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("shadow", endpoint) { Model = _model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
        var traffic = new ManagedOnlineEndpoint(endpoint) { Traffic = { ["skl"] = 100 }, MirrorTraffic = { ["shadow"] = 50 } };
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, traffic);
        DataFramePayload payload = ScoringPayload.FromCsvFile(SampleModel.SampleCsv);

        Assert.That((await Client.OnlineEndpoints.InvokeAsync(endpoint, payload)).Value.ToDoubleArray(), Is.All.EqualTo(42.0));
        for (int i = 0; i < 20; i++)
        {
            Assert.That((await Client.OnlineEndpoints.InvokeAsync(endpoint, payload)).Value.ToDoubleArray(), Is.All.EqualTo(42.0));
        }
        IReadOnlyDictionary<string, DeploymentTraffic> counts = Emulator.GetScoringTraffic(endpoint);
        Assert.That(counts["skl"].LiveRequests, Is.EqualTo(21));
        Assert.That(counts["shadow"].LiveRequests, Is.EqualTo(0));
        Assert.That(counts["shadow"].MirroredRequests, Is.InRange(3, 18), "about half of the live requests are mirrored");
    }

    [Test]
    public async Task APayloadIsCheckedAgainstTheRegisteredModelsSignatureWithoutALocalCopy()
    {
        MlflowModel registered = (await Client.Models.GetMlflowModelAsync(_model.Name!, _model.Version)).Value;

        Assert.That(registered.Signature!.Inputs!.Columns.Select(c => c.Name), Is.EqualTo(new[] { "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6" }));
        Assert.That(registered.Flavors.Keys, Does.Contain("onnx"));
        Assert.DoesNotThrow(() => ScoringPayload.FromCsvFile(SampleModel.SampleCsv).Validate(registered.Signature));
        Assert.That(() => ScoringPayload.FromRows(["age", "sex"], [[1.0, 2.0]]).Validate(registered.Signature),
            Throws.TypeOf<PayloadValidationException>().With.Message.Contains("'bmi'"));
        Assert.That(Client.Models.GetMlflowModel(_model.Name!).Value.Signature!.Inputs!.Columns, Has.Count.EqualTo(10), "the latest version by default");
    }

    [Test]
    public async Task AModelWithoutAnMlmodelFileSaysSo()
    {
        Model remote = await RegisterModelWithoutFilesAsync(UniqueName("nofiles"));

        var missing = Assert.ThrowsAsync<MlflowModelException>(() => Client.Models.GetMlflowModelAsync(remote.Name!, remote.Version));

        Assert.That(missing!.Message, Does.Contain($"Model {remote.Name}:{remote.Version} has no MLmodel file"));
    }

    [Test]
    public async Task AScoringClientNeedsOnlyTheUriAndKey()
    {
        OnlineEndpoint endpoint = (await Client.OnlineEndpoints.GetAsync(_endpoint)).Value;
        var keys = (EndpointAuthKeys)(await Client.OnlineEndpoints.GetKeysAsync(_endpoint)).Value;
        var options = new ScoringClientOptions { Transport = new Azure.Core.Pipeline.HttpClientTransport(Emulator.CreateHttpMessageHandler()) };
        var scoring = new ScoringClient(endpoint.ScoringUri!, new AzureKeyCredential(keys.SecondaryKey), options);

        ScoringResult result = await scoring.ScoreAsync(ScoringPayload.FromCsvFile(SampleModel.SampleCsv));

        Assert.That(result.ToDoubleArray(), Is.EqualTo(SampleModel.SampleRows().Select(SampleModel.Predict).ToArray()).Within(1e-3));
        var wrongKey = new ScoringClient(endpoint.ScoringUri!, new AzureKeyCredential("not-the-key"), options);
        var denied = Assert.ThrowsAsync<ScoringException>(() => wrongKey.ScoreAsync(ScoringPayload.FromCsvFile(SampleModel.SampleCsv)));
        Assert.That(denied!.Status, Is.EqualTo(401));
        Assert.That(denied.Message, Does.Not.Contain("not-the-key"));
    }
}
