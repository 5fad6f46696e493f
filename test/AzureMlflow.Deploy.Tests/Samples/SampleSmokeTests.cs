using System.Diagnostics;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>The samples in samples/ run end to end against the emulator, as README promises.</summary>
[NonParallelizable]
public sealed class SampleSmokeTests
{
    [TestCase("QuickStart", "Predictions from 'blue': 206.1, 68.1, 176.9")]
    [TestCase("BatchScoring", "patients-0.csv row 0: 206.1")]
    public async Task TheSampleRunsAgainstTheEmulator(string sample, string expected)
    {
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/<tfm>
        string root = RepositoryRoot();
        string dll = Path.Combine(root, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} was not built");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(dll);
        foreach (string variable in new[] { "AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZUREML_WORKSPACE_NAME" })
        {
            start.Environment.Remove(variable); // always the emulator here
        }
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        string text = await output;
        Assert.That(process.ExitCode, Is.EqualTo(0), text + await errors);
        Assert.That(text, Does.Contain(expected));
        Assert.That(text, Does.Contain("Done."));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AzureMlflow.Deploy.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("The repository root was not found.");
    }
}
