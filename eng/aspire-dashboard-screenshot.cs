#!/usr/bin/env -S dotnet run
// Takes docs/images/aspire-dashboard-trace.png: starts the Aspire sample (samples/Aspire/AppHost) with its dashboard,
// scores the sample model once through the API, and photographs the dashboard's view of that call's trace with
// Debian's headless Chromium. The app is stopped with SIGTERM afterwards, as a terminal's Ctrl+C would.
//   dotnet run eng/aspire-dashboard-screenshot.cs -- [output.png]
#:package PuppeteerSharp
// PuppeteerSharp asks for a WebDriverBiDi the feed does not serve; the next one is taken (as in the test project).
#:property WarningsNotAsErrors=NU1603
// A tool, not a shipped app: reflection-based JSON is fine, so not the AOT default of file-based apps.
#:property PublishAot=false
using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using PuppeteerSharp;

string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, ".."));
string output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(root, "docs", "images", "aspire-dashboard-trace.png"));
// The ports samples/Aspire/AppHost/Properties/launchSettings.json and samples/Aspire/Api/Properties/launchSettings.json name.
var dashboard = new Uri("http://localhost:15188/");
var api = new Uri("http://localhost:5188/");

var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(root, "samples", "Aspire", "AppHost")])
{
    WorkingDirectory = root,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
};
// A local screenshot needs no sign-in to the dashboard; never set this for an app others can reach.
start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
using Process appHost = Process.Start(start)!;
appHost.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"  apphost: {e.Data}"); };
appHost.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"  apphost: {e.Data}"); };
appHost.BeginOutputReadLine();
appHost.BeginErrorReadLine();
try
{
    using var http = new HttpClient();
    DateTime deadline = DateTime.UtcNow.AddMinutes(5);
    while (true)
    {
        if (appHost.HasExited)
        {
            throw new InvalidOperationException($"The app host exited with {appHost.ExitCode}.");
        }
        try
        {
            if ((await http.GetAsync(new Uri(api, "health"))).IsSuccessStatusCode)
            {
                break;
            }
        }
        catch (HttpRequestException) when (DateTime.UtcNow < deadline)
        {
        }
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("The API did not report healthy within 5 minutes.");
        }
        await Task.Delay(1000);
    }

    var patient = new Dictionary<string, double>
    {
        ["age"] = 0.038, ["sex"] = 0.051, ["bmi"] = 0.062, ["bp"] = 0.022, ["s1"] = -0.044,
        ["s2"] = -0.035, ["s3"] = -0.043, ["s4"] = -0.003, ["s5"] = 0.020, ["s6"] = -0.018,
    };
    HttpResponseMessage scored = await http.PostAsJsonAsync(new Uri(api, "predict"), new[] { patient });
    Console.WriteLine($"POST /predict: {(int)scored.StatusCode} {await scored.Content.ReadAsStringAsync()}");
    scored.EnsureSuccessStatusCode();

    await using IBrowser browser = await Puppeteer.LaunchAsync(new LaunchOptions
    {
        Headless = true,
        ExecutablePath = "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        DefaultViewport = new ViewPortOptions { Width = 1600, Height = 560 },
    });
    await using IPage page = await browser.NewPageAsync();
    // The trace list fills as the exporters flush (every few seconds): reload until the scoring call's trace is there.
    IElementHandle? trace = null;
    for (DateTime until = DateTime.UtcNow.AddMinutes(2); trace is null && DateTime.UtcNow < until;)
    {
        await page.GoToAsync(new Uri(dashboard, "traces").ToString(), WaitUntilNavigation.Networkidle2);
        trace = await page.WaitForSelectorAsync("xpath/.//*[contains(text(), 'POST /predict')]", new WaitForSelectorOptions { Timeout = 10_000 })
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
    }
    if (trace is null)
    {
        await page.ScreenshotAsync(output + ".failed.png");
        Console.WriteLine(await page.EvaluateExpressionAsync<string>("document.body.innerText"));
        throw new TimeoutException("The dashboard did not list the POST /predict trace within 2 minutes.");
    }
    await trace.ClickAsync();
    await page.WaitForSelectorAsync("xpath/.//*[contains(text(), 'OnlineEndpointOperations.Invoke')]", new WaitForSelectorOptions { Timeout = 30_000 });
    await Task.Delay(1000); // the span bars animate in
    // The banners about the missing development certificate and the unsecured endpoint are true of any local run, not news.
    // Dismissing one re-renders the other, so one at a time.
    for (int i = 0; i < 3 && await page.QuerySelectorAsync("fluent-button.dashboard-message-bar-dismiss") is not null; i++)
    {
        await page.EvaluateExpressionAsync("document.querySelector('fluent-button.dashboard-message-bar-dismiss').click()");
        await Task.Delay(500);
    }
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    await page.ScreenshotAsync(output);
    Console.WriteLine($"Wrote {output}");
}
finally
{
    if (!appHost.HasExited)
    {
        Process.Start("kill", ["-TERM", appHost.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        if (!appHost.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            appHost.Kill(entireProcessTree: true);
        }
    }
}

static string ThisFile([CallerFilePath] string path = "") => path;
