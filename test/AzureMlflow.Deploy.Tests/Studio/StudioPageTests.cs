using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Tests.Integration;
using PuppeteerSharp;

namespace AzureMlflow.Deploy.Tests.Studio;

/// <summary>The emulator's studio page in a real (headless) browser: what the SDK registers and deploys, the page shows.</summary>
[NonParallelizable]
public sealed class StudioPageTests : EmulatorTestBase
{
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser() => _browser = await BrowserForTests.LaunchAsync();

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
    }

    [Test]
    public async Task TheModelsAndEndpointsTheSdkCreatesAppearOnThePage()
    {
        Model model = await RegisterMlflowModelAsync(UniqueName("studio-model"));
        string endpoint = UniqueName("studio-ep");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpoint, new Dictionary<string, int> { ["blue"] = 100 });

        await using IPage page = await _browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 720 });
        await page.GoToAsync(Emulator.StudioUri.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-loaded='models']");
        string models = await page.EvaluateExpressionAsync<string>("document.getElementById('models-table').innerText");
        Assert.That(models, Does.Contain(model.Name!).And.Contain("mlflow_model").And.Contain("onnx, python_function"));
        await BrowserForTests.ScreenshotAsync(page, "models");

        await page.ClickAsync("nav button[data-view='endpoints']");
        await page.WaitForSelectorAsync("body[data-loaded='endpoints']");
        string endpoints = await page.EvaluateExpressionAsync<string>($"document.getElementById('endpoints').innerText");
        Assert.That(endpoints, Does.Contain(endpoint).And.Contain("Succeeded").And.Contain("blue=100%").And.Contain("Standard_DS3_v2").And.Contain($"{model.Name}:{model.Version}"));
        await BrowserForTests.ScreenshotAsync(page, "endpoints");
    }

    [Test]
    public async Task ThePageUsesTheEmulatorsOwnAuthorization()
    {
        await using IPage page = await _browser.NewPageAsync();
        await page.GoToAsync(Emulator.StudioUri.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-loaded='models']");
        Assert.That(Emulator.Requests.Snapshot().Where(r => r.Path.EndsWith("/models", StringComparison.Ordinal)).Select(r => r.Headers["Authorization"]),
            Has.All.EqualTo("Bearer studio"), "the page calls the ARM routes as any client does");

        await page.EvaluateExpressionAsync("document.getElementById('token').value = ''");
        await page.ClickAsync("nav button[data-view='endpoints']");
        await page.WaitForFunctionAsync("() => document.getElementById('error').textContent.length > 0");
        Assert.That(await page.EvaluateExpressionAsync<string>("document.getElementById('error').textContent"), Does.Contain("Authorization"));
    }
}
