using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>The samples in samples/ run end to end against the emulator, as README promises.</summary>
[NonParallelizable]
public sealed class SampleSmokeTests
{
    public static readonly object[] Samples =
    [
        new object[] { "QuickStart", new[] { "Predictions from 'blue': 206.1, 68.1, 176.9", "Deployment 'blue': 1 x Standard_DS3_v2, Succeeded",
            "Regenerated the secondary key: secondary changed, primary kept", "Moving traffic off 'blue' and deleting it" } },
        new object[] { "BatchScoring", new[] { "patients-0.csv row 0: 206.1" } },
    ];

    [TestCaseSource(nameof(Samples))]
    public async Task TheSampleRunsAgainstTheEmulator(string sample, string[] expected)
    {
        string dll = RepositoryPaths.Combine("samples", sample, "bin", RepositoryPaths.Configuration, "net10.0", sample + ".dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} was not built");

        (int exitCode, string output) = await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet", RepositoryPaths.Root, dll), TimeSpan.FromMinutes(3));

        AssertSampleSucceeded(exitCode, output, expected);
    }

    internal static void AssertSampleSucceeded(int exitCode, string output, string[] expected)
    {
        Assert.That(exitCode, Is.EqualTo(0), output);
        foreach (string line in expected)
        {
            Assert.That(output, Does.Contain(line));
        }
        Assert.That(output, Does.Contain("Done."));
    }
}
