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

    [Test]
    public async Task TheQuickStartDeploysTheScikitLearnModelThroughPython()
    {
        string python = PythonForTests.Require();
        string dll = RepositoryPaths.Combine("samples", "QuickStart", "bin", RepositoryPaths.Configuration, "net10.0", "QuickStart.dll");
        var start = ChildProcess.StartInfo("dotnet", RepositoryPaths.Root, dll, "--model", "sklearn");
        start.Environment["AZUREML_EMULATOR_PYTHON"] = python;

        (int exitCode, string output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3));

        // The random forest's own predictions for the sample rows (eng/train-python-models.py's model, scored by scikit-learn).
        AssertSampleSucceeded(exitCode, output, ["Registered model diabetes-sklearn:", "Predictions from 'blue': 214.6, 80.6, 160.1, 173.6, 105.7, 93.4, 92.6, 106.6"]);
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
