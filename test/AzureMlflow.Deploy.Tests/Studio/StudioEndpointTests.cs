using Azure;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Tests.Infrastructure;
using PuppeteerSharp;

namespace AzureMlflow.Deploy.Tests.Studio;

/// <summary>The Endpoints tab's mirror traffic and deployment logs.</summary>
public sealed class StudioEndpointTests : StudioTestBase
{
    [Test]
    public async Task MirrorTrafficSavedOnThePageIsWhatTheSdkReadsAndTheSdksRulesApply()
    {
        string endpoint = await DeployBlueAndGreenAsync("studio-mr", EndpointAuthMode.Key);

        await using IPage page = await OpenAsync("endpoints");
        int puts = Emulator.Requests.Snapshot().Count(r => r.Method == "PUT");
        await SetValueAsync(page, $"input[data-mirror-endpoint='{endpoint}'][data-deployment='blue']", "10");
        await page.ClickAsync($"#save-traffic-{endpoint}");
        await WaitUntilAsync(page, $"document.getElementById('traffic-status-{endpoint}').textContent.length > 0");
        Assert.That(await TextAsync(page, $"#traffic-status-{endpoint}"),
            Is.EqualTo($"Deployment 'blue' on endpoint '{endpoint}' receives 100% of live traffic and cannot also receive mirror traffic."));
        await SetValueAsync(page, $"input[data-mirror-endpoint='{endpoint}'][data-deployment='blue']", "0");
        await SetValueAsync(page, $"input[data-mirror-endpoint='{endpoint}'][data-deployment='green']", "60");
        await page.ClickAsync($"#save-traffic-{endpoint}");
        await WaitUntilAsync(page, $"document.getElementById('traffic-status-{endpoint}').textContent.startsWith('Mirror')");
        Assert.That(await TextAsync(page, $"#traffic-status-{endpoint}"), Is.EqualTo($"Mirror traffic on endpoint '{endpoint}' sums to 60 (green=60); it may be at most 50."));
        Assert.That(Emulator.Requests.Snapshot().Count(r => r.Method == "PUT"), Is.EqualTo(puts), "refused before anything is sent");

        await SetValueAsync(page, $"input[data-mirror-endpoint='{endpoint}'][data-deployment='green']", "20");
        await page.ClickAsync($"#save-traffic-{endpoint}");
        await WaitUntilAsync(page, $"document.getElementById('traffic-status-{endpoint}')?.textContent === 'Traffic saved.'");
        var read = (ManagedOnlineEndpoint)(await Client.OnlineEndpoints.GetAsync(endpoint)).Value;
        Assert.That(read.Traffic, Is.EquivalentTo(new Dictionary<string, int> { ["blue"] = 100, ["green"] = 0 }));
        Assert.That(read.MirrorTraffic, Is.EquivalentTo(new Dictionary<string, int> { ["green"] = 20 }));
        Assert.That(await TextAsync(page, $"#endpoint-{endpoint}"), Does.Contain("green=20%"));
        await BrowserForTests.ScreenshotAsync(page, "mirror-saved");
    }

    [Test]
    public async Task DeploymentLogsRefreshWhileTheDeploymentProvisions()
    {
        Model model = await RegisterMlflowModelAsync(UniqueName("studio-logs"));
        string endpoint = UniqueName("studio-lg");
        string deployment = UniqueName("held");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        using OperationHold hold = Emulator.HoldOperations(deployment);
        CreateOrUpdateOnlineDeploymentOperation started = await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Started,
            new ManagedOnlineDeployment(deployment, endpoint) { Model = model, InstanceType = "Standard_DS3_v2" });

        await using IPage page = await OpenAsync("endpoints");
        await page.ClickAsync($"#logs-{endpoint}-{deployment}");
        string log = $"document.getElementById('log-{endpoint}-{deployment}')";
        await WaitUntilAsync(page, $"{log}?.dataset.state === 'Creating'");
        Assert.That(await TextAsync(page, $"#log-{endpoint}-{deployment}"), Does.Contain($"Storage initializer started for deployment '{deployment}'"));
        Assert.That(await TextAsync(page, $"#deployments-{endpoint}"), Does.Contain("Creating"));
        await BrowserForTests.ScreenshotAsync(page, "logs-provisioning");

        hold.Release();
        await WaitUntilAsync(page, $"{log}.dataset.state === 'Succeeded'");
        Assert.That(await TextAsync(page, $"#log-{endpoint}-{deployment}"), Does.Contain("Model download complete.").And.Contain("deployment is ready to serve requests"));
        Assert.That(await TextAsync(page, $"#deployments-{endpoint}"), Does.Contain("Succeeded"), "the state refreshes with the log");
        await started.WaitForCompletionAsync();
        await BrowserForTests.ScreenshotAsync(page, "logs-succeeded");
    }
}
