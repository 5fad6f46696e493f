using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>The samples in samples/ run end to end against the emulator, as README promises.</summary>
[NonParallelizable]
public sealed class SampleSmokeTests
{
    public static readonly object[] Samples =
    [
        new object[] { "QuickStart", "Predictions from 'blue': 206.1, 68.1, 176.9" },
        new object[] { "BatchScoring", "patients-0.csv row 0: 206.1" },
    ];

    [TestCaseSource(nameof(Samples))]
    public async Task TheSampleRunsAgainstTheEmulator(string sample, string expected)
    {
        string dll = RepositoryPaths.Combine("samples", sample, "bin", RepositoryPaths.Configuration, "net10.0", sample + ".dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} was not built");

        (int exitCode, string output) = await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet", RepositoryPaths.Root, dll), TimeSpan.FromMinutes(3));

        AssertSampleSucceeded(exitCode, output, expected);
    }

    internal static void AssertSampleSucceeded(int exitCode, string output, string expected)
    {
        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain(expected));
        Assert.That(output, Does.Contain("Done."));
    }
}
