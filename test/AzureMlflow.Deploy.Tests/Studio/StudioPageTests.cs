using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Tests.Integration;
using PuppeteerSharp;

namespace AzureMlflow.Deploy.Tests.Studio;

/// <summary>The emulator's studio page in a real (headless) browser: what the SDK registers and deploys, the page shows.</summary>
public sealed class StudioPageTests : StudioTestBase
{
    [Test]
    public async Task TheModelsAndEndpointsTheSdkCreatesAppearOnThePage()
    {
        Model model = await RegisterMlflowModelAsync(UniqueName("studio-model"));
        string endpoint = UniqueName("studio-ep");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpoint, new Dictionary<string, int> { ["blue"] = 100 });

        await using IPage page = await OpenAsync();
        string models = await page.EvaluateExpressionAsync<string>("document.getElementById('models-table').innerText");
        Assert.That(models, Does.Contain(model.Name!).And.Contain("mlflow_model").And.Contain("onnx, python_function"));
        await BrowserForTests.ScreenshotAsync(page, "models");

        await ShowAsync(page, "endpoints");
        string endpoints = await page.EvaluateExpressionAsync<string>($"document.getElementById('endpoints').innerText");
        Assert.That(endpoints, Does.Contain(endpoint).And.Contain("Succeeded").And.Contain("blue=100%").And.Contain("Standard_DS3_v2").And.Contain($"{model.Name}:{model.Version}"));
        await BrowserForTests.ScreenshotAsync(page, "endpoints");
    }

    [Test]
    public async Task TrafficChangedOnThePageIsWhatTheSdkReadsAndABadSplitIsRefused()
    {
        string endpoint = await DeployBlueAndGreenAsync("studio-tr", EndpointAuthMode.Key);

        await using IPage page = await OpenAsync("endpoints");

        // A split that does not sum to 100 is refused with the SDK's message, before anything is sent.
        int before = Emulator.Requests.Snapshot().Count(r => r.Method == "PUT");
        await SetTrafficAsync(page, endpoint, blue: 60, green: 30);
        await page.ClickAsync($"#save-traffic-{endpoint}");
        string refused = await WaitForStatusAsync(page, endpoint);
        Assert.That(refused, Is.EqualTo($"Traffic on endpoint '{endpoint}' sums to 90 (blue=60, green=30); it must sum to 100, or be 0 for every deployment."));
        Assert.That(Emulator.Requests.Snapshot().Count(r => r.Method == "PUT"), Is.EqualTo(before));
        await BrowserForTests.ScreenshotAsync(page, "traffic-refused");

        await SetTrafficAsync(page, endpoint, blue: 30, green: 70);
        await page.ClickAsync($"#save-traffic-{endpoint}");
        await page.WaitForFunctionAsync($"() => document.getElementById('traffic-status-{endpoint}')?.textContent === 'Traffic saved.'");
        ManagedOnlineEndpoint read = (ManagedOnlineEndpoint)(await Client.OnlineEndpoints.GetAsync(endpoint)).Value;
        Assert.That(read.Traffic, Is.EquivalentTo(new Dictionary<string, int> { ["blue"] = 30, ["green"] = 70 }));
        await BrowserForTests.ScreenshotAsync(page, "traffic-saved");

        // Keys are hidden until asked for.
        Assert.That(await page.EvaluateExpressionAsync<string>($"document.getElementById('keys-{endpoint}').textContent"), Is.Empty);
        await page.ClickAsync($"#reveal-keys-{endpoint}");
        await page.WaitForFunctionAsync($"() => document.getElementById('keys-{endpoint}').textContent.startsWith('primary ')");
        var keys = (EndpointAuthKeys)(await Client.OnlineEndpoints.GetKeysAsync(endpoint)).Value;
        Assert.That(await page.EvaluateExpressionAsync<string>($"document.getElementById('keys-{endpoint}').textContent"), Does.Contain(keys.PrimaryKey));
    }

    private static async Task SetTrafficAsync(IPage page, string endpoint, int blue, int green) =>
        await page.EvaluateExpressionAsync(
            $"document.querySelector(\"input[data-endpoint='{endpoint}'][data-deployment='blue']\").value = '{blue}';" +
            $"document.querySelector(\"input[data-endpoint='{endpoint}'][data-deployment='green']\").value = '{green}';" +
            $"document.getElementById('traffic-status-{endpoint}').textContent = '';");

    private static async Task<string> WaitForStatusAsync(IPage page, string endpoint)
    {
        await page.WaitForFunctionAsync($"() => document.getElementById('traffic-status-{endpoint}').textContent.length > 0");
        return await page.EvaluateExpressionAsync<string>($"document.getElementById('traffic-status-{endpoint}').textContent");
    }

    [Test]
    public async Task TheRequestsTabListsWhatTheEmulatorReceivedWithoutSecrets()
    {
        string endpoint = UniqueName("studio-rq");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint) { AuthMode = EndpointAuthMode.Key });
        var keys = (EndpointAuthKeys)(await Client.OnlineEndpoints.GetKeysAsync(endpoint)).Value;
        await Client.OnlineEndpoints.BeginRegenerateKeysAsync(WaitUntil.Completed, endpoint, KeyType.Secondary); // sends the current key in its body

        await using IPage page = await OpenAsync("requests");

        string shown = await page.EvaluateExpressionAsync<string>("document.getElementById('requests-table').innerText");
        Assert.That(shown, Does.Contain($"/onlineEndpoints/{endpoint}/listKeys").And.Contain($"/onlineEndpoints/{endpoint}/regenerateKeys").And.Contain("PUT"));
        Assert.That(shown, Does.Not.Contain(keys.PrimaryKey).And.Not.Contain(keys.SecondaryKey).And.Not.Contain("\t/studio"), "no secrets, and not the page's own requests");
        await BrowserForTests.ScreenshotAsync(page, "requests");
    }

    [Test]
    public async Task ThePageUsesTheEmulatorsOwnAuthorization()
    {
        await using IPage page = await OpenAsync();
        Assert.That(Emulator.Requests.Snapshot().Where(r => r.Path.EndsWith("/models", StringComparison.Ordinal)).Select(r => r.Headers["Authorization"]),
            Has.All.EqualTo("Bearer studio"), "the page calls the ARM routes as any client does");

        await page.EvaluateExpressionAsync("document.getElementById('token').value = ''");
        await page.ClickAsync("nav button[data-view='endpoints']");
        await page.WaitForFunctionAsync("() => document.getElementById('error').textContent.length > 0");
        Assert.That(await page.EvaluateExpressionAsync<string>("document.getElementById('error').textContent"), Does.Contain("Authorization"));

        // The request log, which has no ARM route, is behind the same gate.
        using var http = new HttpClient(Emulator.CreateHttpMessageHandler()) { BaseAddress = Emulator.BaseUri };
        foreach (string path in new[] { "studio/requests", "studio/files?uri=azureml://datastores/workspaceblobstore/paths/LocalUpload" })
        {
            using HttpResponseMessage anonymous = await http.GetAsync(path);
            Assert.That((int)anonymous.StatusCode, Is.EqualTo(401), path);
            Assert.That(await anonymous.Content.ReadAsStringAsync(), Does.Contain("AuthenticationFailed"));
        }
    }

    [Test]
    public async Task TheStudiosFileRoutesReadOnlyTheWorkspacesDatastores()
    {
        using var http = new HttpClient(Emulator.CreateHttpMessageHandler()) { BaseAddress = Emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "studio");
        using HttpResponseMessage notDatastore = await http.GetAsync("studio/files/content?uri=" + Uri.EscapeDataString("https://example.com/x"));
        Assert.That((int)notDatastore.StatusCode, Is.EqualTo(400));
        Assert.That(await notDatastore.Content.ReadAsStringAsync(), Does.Contain("is not a datastore path"));
        using HttpResponseMessage unknown = await http.GetAsync("studio/files?uri=" + Uri.EscapeDataString("azureml://datastores/elsewhere/paths/x"));
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("DataStore 'elsewhere' was not found"));
        using HttpResponseMessage missing = await http.GetAsync("studio/files/mlmodel?uri=" + Uri.EscapeDataString("azureml://datastores/workspaceblobstore/paths/nothing-here"));
        Assert.That((int)missing.StatusCode, Is.EqualTo(404));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("No file 'MLmodel'"));
    }
}
