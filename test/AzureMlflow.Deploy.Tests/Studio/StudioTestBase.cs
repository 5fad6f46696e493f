using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Tests.Integration;
using PuppeteerSharp;

namespace AzureMlflow.Deploy.Tests.Studio;

/// <summary>
/// A fixture's emulator with a headless browser on its studio page. Every wait is on something the page shows
/// (body[data-loaded], a status attribute), never on time; PuppeteerSharp's waits time out after 30 s as a failure.
/// </summary>
[NonParallelizable]
public abstract class StudioTestBase : EmulatorTestBase
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

    /// <summary>An endpoint with deployments blue and green of one registered model, blue taking all live traffic.</summary>
    protected async Task<string> DeployBlueAndGreenAsync(string prefix, EndpointAuthMode authMode)
    {
        Model model = await RegisterMlflowModelAsync(UniqueName(prefix));
        string endpoint = UniqueName(prefix);
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint) { AuthMode = authMode });
        foreach (string name in new[] { "blue", "green" })
        {
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment(name, endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });
        }
        await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpoint, new Dictionary<string, int> { ["blue"] = 100 });
        return endpoint;
    }

    /// <summary>Opens the studio on a tab, once that tab's data is on the page.</summary>
    protected async Task<IPage> OpenAsync(string view = "models")
    {
        IPage page = await _browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 800 });
        await page.GoToAsync(Emulator.StudioUri.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-loaded='models']");
        if (view != "models")
        {
            await ShowAsync(page, view);
        }
        return page;
    }

    protected static async Task ShowAsync(IPage page, string view)
    {
        await page.ClickAsync($"nav button[data-view='{view}']");
        await page.WaitForSelectorAsync($"body[data-loaded='{view}']");
    }

    /// <summary>The text of the first element matching a selector, as the user sees it ("" when there is none).</summary>
    protected static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => { const e = document.querySelector(s); return !e ? '' : e.matches('input, textarea, select') ? e.value : e.innerText; }", selector);

    /// <summary>Waits until a JavaScript condition holds on the page.</summary>
    protected static Task WaitUntilAsync(IPage page, string condition) => page.WaitForFunctionAsync($"() => {condition}");

    /// <summary>Sets a form field's value as typing would, with the change event the page listens to.</summary>
    protected static Task SetValueAsync(IPage page, string selector, string value) =>
        page.EvaluateFunctionAsync(
            "(s, v) => { const e = document.querySelector(s); e.value = v; e.dispatchEvent(new Event('change')); }", selector, value);
}
