using PuppeteerSharp;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>
/// Headless Chromium for the studio tests: Debian's <c>chromium</c> package (<c>.ci/run</c> installs it; no browser
/// download is possible here), driven with PuppeteerSharp. Tests that need it are ignored with that reason when it is missing.
/// </summary>
internal static class BrowserForTests
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static async Task<IBrowser> LaunchAsync()
    {
        string executable = Candidates.FirstOrDefault(Runs) ?? Ignore();
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // The emulator's certificate is its own; root in a container needs no sandbox.
            AcceptInsecureCerts = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>Writes a screenshot of each step under artifacts/studio, for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        string folder = RepositoryPaths.Combine("artifacts", "studio");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(Path.Combine(folder, name + ".png"));
    }

    /// <summary>Whether the browser is there and starts (asked its version), not only whether the file exists.</summary>
    private static bool Runs(string executable)
    {
        if (!File.Exists(executable))
        {
            return false;
        }
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(executable, ["--version"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            process.WaitForExit(TimeSpan.FromSeconds(60));
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Ignore()
    {
        Assert.Ignore("Needs Chromium (Debian: apt-get install chromium; .ci/run installs it).");
        return null!;
    }
}
