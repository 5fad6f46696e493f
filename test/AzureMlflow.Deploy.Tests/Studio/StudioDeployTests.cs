using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;
using PuppeteerSharp;

namespace AzureMlflow.Deploy.Tests.Studio;

/// <summary>The studio's model details, deploy wizard and Test tab, checked against what the SDK sees and answers.</summary>
public sealed class StudioDeployTests : StudioTestBase
{
    [Test]
    public async Task AModelRegisteredByTheSdkShowsItsSignatureInputExampleAndFiles()
    {
        Model model = await RegisterMlflowModelAsync(UniqueName("studio-sig"));

        await using IPage page = await OpenAsync();
        await page.ClickAsync($"#details-{model.Name}-{model.Version}");
        await WaitUntilAsync(page, $"document.getElementById('model-details').dataset.loaded === '{model.Name}:{model.Version}'");

        string inputs = await TextAsync(page, "#signature-inputs");
        foreach (string column in new[] { "age", "sex", "bmi", "bp", "s1", "s6" })
        {
            Assert.That(inputs, Does.Contain($"{column}\tdouble\t\trequired"));
        }
        Assert.That(await TextAsync(page, "#signature-outputs"), Does.Contain("predictions\ttensor of float32\t[-1,1]"));
        JsonNode example = JsonNode.Parse(await TextAsync(page, "#input-example"))!;
        JsonNode saved = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SampleModel.Folder, "input_example.json")))!;
        Assert.That(JsonNode.DeepEquals(example, saved), "the input example as the model saved it");
        string files = await TextAsync(page, "#files-table");
        foreach (string file in Directory.GetFiles(SampleModel.Folder).Select(f => Path.GetFileName(f)))
        {
            Assert.That(files, Does.Contain($"{file}\t{new FileInfo(Path.Combine(SampleModel.Folder, file)).Length}"));
        }
        await BrowserForTests.ScreenshotAsync(page, "model-details");
    }

    [Test]
    public async Task TheWizardDeploysAModelThatTheSdkSeesAndTheTestTabAnswersAsInvokeDoes()
    {
        // Plain names (this fixture's emulator is its own): the Test tab's screenshot is the one README shows.
        Model model = await RegisterMlflowModelAsync("diabetes-linear");
        const string endpoint = "diabetes";

        await using IPage page = await OpenAsync("deploy");
        await page.SelectAsync("#deploy-model", model.Id!);
        await SetValueAsync(page, "#deploy-endpoint", endpoint);
        await SetValueAsync(page, "#deploy-deployment", "green");
        await page.SelectAsync("#deploy-instance-type", "Standard_F4s_v2");
        await SetValueAsync(page, "#deploy-count", "2");
        await BrowserForTests.ScreenshotAsync(page, "deploy-wizard");
        await page.ClickAsync("#deploy-start");
        await page.WaitForSelectorAsync("#deploy-progress[data-result]");
        Assert.That(await page.EvaluateExpressionAsync<string>("document.getElementById('deploy-progress').dataset.result"), Is.EqualTo("succeeded"),
            await TextAsync(page, "#deploy-progress"));
        Assert.That(await TextAsync(page, "#deploy-progress"), Does.Contain($"Endpoint '{endpoint}' created.").And.Contain("'green' receives 100% of traffic."));
        await BrowserForTests.ScreenshotAsync(page, "deploy-done");

        var read = (ManagedOnlineEndpoint)(await Client.OnlineEndpoints.GetAsync(endpoint)).Value;
        Assert.That(read.AuthMode, Is.EqualTo(EndpointAuthMode.Key));
        Assert.That(read.Traffic, Is.EquivalentTo(new Dictionary<string, int> { ["green"] = 100 }));
        var deployment = (ManagedOnlineDeployment)(await Client.OnlineDeployments.GetAsync("green", endpoint)).Value;
        Assert.That(deployment.Model?.Reference, Is.EqualTo(model.Id));
        Assert.That(deployment.InstanceType, Is.EqualTo("Standard_F4s_v2"));
        Assert.That(deployment.InstanceCount, Is.EqualTo(2));
        Assert.That(deployment.ProvisioningState.ToString(), Is.EqualTo("Succeeded"));

        // The Test tab starts from the model's input example, and answers as InvokeAsync does.
        await ShowAsync(page, "test");
        await SetValueAsync(page, "#test-endpoint", endpoint);
        await WaitUntilAsync(page, "document.getElementById('test-request').dataset.prefilled === 'green'");
        string request = await TextAsync(page, "#test-request");
        JsonNode saved = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SampleModel.Folder, "input_example.json")))!;
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request)!["input_data"]!["data"], saved["data"]), request);
        double[] answered = await SendAsync(page, expectedStatus: 200);
        await page.SetViewportAsync(new ViewPortOptions { Width = 960, Height = 600 });
        ScoringResult invoked = (await Client.OnlineEndpoints.InvokeAsync(endpoint, BinaryData.FromString(request))).Value;
        Assert.That(answered, Is.EqualTo(invoked.ToDoubleArray()).Within(1e-9));
        double[][] rows = saved["data"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
        Assert.That(answered, Is.EqualTo(rows.Select(SampleModel.Predict).ToArray()).Within(1e-4), "the model's own predictions");
        await BrowserForTests.ScreenshotAsync(page, "test-answer");

        // A bad request shows the service's error, as the SDK reports it.
        const string Bad = "{\"input_data\": {\"columns\": [\"age\"], \"index\": [0], \"data\": [[1.0]]}}";
        await SetValueAsync(page, "#test-request", Bad);
        var refused = Assert.ThrowsAsync<ScoringException>(() => Client.OnlineEndpoints.InvokeAsync(endpoint, BinaryData.FromString(Bad)));
        await page.ClickAsync("#test-send");
        await page.WaitForSelectorAsync("#test-response[data-status]");
        Assert.That(await TextAsync(page, "#test-status"), Does.StartWith(refused!.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        string shown = await TextAsync(page, "#test-response");
        Assert.That(shown, Does.Contain("Model is missing inputs"));
        Assert.That(refused.Message, Does.Contain(JsonNode.Parse(shown)!["message"]!.GetValue<string>()));
        await BrowserForTests.ScreenshotAsync(page, "test-refused");
    }

    [Test]
    public async Task TheTestTabSendsToOneDeploymentWithTheTokenItsAuthModeAsksFor()
    {
        string endpoint = await DeployBlueAndGreenAsync("studio-tok", EndpointAuthMode.AmlToken);

        await using IPage page = await OpenAsync("test");
        await SetValueAsync(page, "#test-endpoint", endpoint);
        await WaitUntilAsync(page, "document.getElementById('test-request').dataset.prefilled === 'blue'");
        await SetValueAsync(page, "#test-deployment", "green");
        await WaitUntilAsync(page, "document.getElementById('test-request').dataset.prefilled === 'green'");
        double[] answered = await SendAsync(page, expectedStatus: 200);
        Assert.That(answered, Has.Length.EqualTo(3));

        var scored = Emulator.Requests.Snapshot().Last(r => r.Path == $"/onlineEndpoints/{endpoint}/score");
        Assert.That(scored.Headers["azureml-model-deployment"], Is.EqualTo("green"), "sent to the chosen deployment, not as traffic is split");
        Assert.That(scored.Headers["Authorization"], Does.StartWith("Bearer ").And.Not.EqualTo("Bearer studio"), "an Azure ML token from the endpoint, not the page's ARM token");
        Assert.That(Emulator.Requests.Snapshot().Any(r => r.Path.EndsWith($"/onlineEndpoints/{endpoint}/token", StringComparison.Ordinal)), "the token was asked for");
    }

    [Test]
    public async Task ATensorModelWithoutAnExampleIsPrefilledWithZerosInItsSignaturesShape()
    {
        string folder = RepositoryPaths.Combine("test", "AzureMlflow.Deploy.Tests", "Assets", "models", "image-mean");
        Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("studio-img"), Type = ModelType.MlflowModel, Path = folder })).Value;
        string endpoint = UniqueName("studio-img");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpoint, new Dictionary<string, int> { ["blue"] = 100 });

        await using IPage page = await OpenAsync();
        await page.ClickAsync($"#details-{model.Name}-{model.Version}");
        await WaitUntilAsync(page, $"document.getElementById('model-details').dataset.loaded === '{model.Name}:{model.Version}'");
        Assert.That(await TextAsync(page, "#signature-inputs"), Does.Contain("image\ttensor of uint8\t[-1,8,8]"));
        Assert.That(await TextAsync(page, "#model-details"), Does.Contain("No input example was saved with the model."));

        await ShowAsync(page, "test");
        await SetValueAsync(page, "#test-endpoint", endpoint);
        await WaitUntilAsync(page, "document.getElementById('test-request').dataset.prefilled === 'blue'");
        string request = await TextAsync(page, "#test-request");
        JsonArray image = JsonNode.Parse(request)!["input_data"]!.AsArray();
        Assert.That(image, Has.Count.EqualTo(1), "one image where the signature allows any number");
        Assert.That(image[0]!.AsArray().Select(row => row!.AsArray().Select(v => v!.GetValue<int>())), Has.Exactly(8).Items.And.All.EqualTo(Enumerable.Repeat(0, 8)));
        double[] answered = await SendAsync(page, expectedStatus: 200);
        Assert.That(answered, Is.EqualTo((await Client.OnlineEndpoints.InvokeAsync(endpoint, BinaryData.FromString(request))).Value.ToDoubleArray()));
        Assert.That(answered, Is.EqualTo(new[] { 0.0 }), "a black image's brightness");
    }

    [Test]
    public async Task AnExampleSavedAsRecordsIsSentAsTheSplitDataFrameAzureReads()
    {
        // The sample model with its input example rewritten as records (the rows of the saved split example).
        string folder = Directory.CreateTempSubdirectory("aml-studio-records-").FullName;
        try
        {
            foreach (string file in Directory.GetFiles(SampleModel.Folder))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            JsonNode saved = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "input_example.json")))!;
            string[] columns = [.. saved["columns"]!.AsArray().Select(c => c!.GetValue<string>())];
            var records = new JsonArray([.. saved["data"]!.AsArray().Select(row => (JsonNode?)new JsonObject(
                columns.Select((c, i) => KeyValuePair.Create(c, (JsonNode?)row![i]!.DeepClone()))))]);
            await File.WriteAllTextAsync(Path.Combine(folder, "input_example.json"), records.ToJsonString());
            Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("studio-rec"), Type = ModelType.MlflowModel, Path = folder })).Value;
            string endpoint = UniqueName("studio-rec");
            await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });
            await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpoint, new Dictionary<string, int> { ["blue"] = 100 });

            await using IPage page = await OpenAsync("test");
            await SetValueAsync(page, "#test-endpoint", endpoint);
            await WaitUntilAsync(page, "document.getElementById('test-request').dataset.prefilled === 'blue'");
            JsonNode request = JsonNode.Parse(await TextAsync(page, "#test-request"))!;
            Assert.That(request["input_data"]!["columns"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(columns));
            Assert.That(JsonNode.DeepEquals(request["input_data"]!["data"], saved["data"]), "the same rows, as a split DataFrame");
            double[] answered = await SendAsync(page, expectedStatus: 200);
            double[][] rows = saved["data"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
            Assert.That(answered, Is.EqualTo(rows.Select(SampleModel.Predict).ToArray()).Within(1e-4));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task AFailedDeploymentShowsTheServicesMessage()
    {
        Model model = await RegisterModelWithoutFilesAsync(UniqueName("studio-empty"));
        string endpoint = UniqueName("wizard-bad");

        await using IPage page = await OpenAsync("deploy");
        await page.SelectAsync("#deploy-model", model.Id!);
        await SetValueAsync(page, "#deploy-endpoint", endpoint);
        await page.ClickAsync("#deploy-start");
        await page.WaitForSelectorAsync("#deploy-progress[data-result]");
        Assert.That(await page.EvaluateExpressionAsync<string>("document.getElementById('deploy-progress').dataset.result"), Is.EqualTo("failed"));
        string failure = await TextAsync(page, "#deploy-progress li.failed");
        await BrowserForTests.ScreenshotAsync(page, "deploy-failed");

        var sdk = Assert.ThrowsAsync<RequestFailedException>(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(
            WaitUntil.Completed, new ManagedOnlineDeployment("again", endpoint) { Model = model, InstanceType = "Standard_DS3_v2" }));
        Assert.That(failure, Is.Not.Empty);
        Assert.That(sdk!.Message, Does.Contain(failure), "the page shows the message the SDK reports");
    }

    /// <summary>Sends the Test tab's request; returns the predictions it shows.</summary>
    private static async Task<double[]> SendAsync(IPage page, int expectedStatus)
    {
        await page.EvaluateExpressionAsync("delete document.getElementById('test-response').dataset.status");
        await page.ClickAsync("#test-send");
        await page.WaitForSelectorAsync("#test-response[data-status]");
        Assert.That(await page.EvaluateExpressionAsync<string>("document.getElementById('test-response').dataset.status"), Is.EqualTo(expectedStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await TextAsync(page, "#test-response"));
        using JsonDocument answer = JsonDocument.Parse(await TextAsync(page, "#test-response"));
        return Flatten(answer.RootElement).ToArray();
    }

    private static IEnumerable<double> Flatten(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Flatten),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Flatten(p.Value)),
        _ => [element.GetDouble()],
    };
}
