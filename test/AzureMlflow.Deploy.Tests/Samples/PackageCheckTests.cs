using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>
/// The packages as a user installs them (eng/check-packages.sh): size budgets, no native symbol files, dependencies
/// as package references, and the azureml-emulator tool installed from a local feed answers --help and starts.
/// </summary>
[NonParallelizable]
public sealed class PackageCheckTests
{
    [Test]
    public async Task ThePackagesAreWithinBudgetAndTheInstalledToolRuns()
    {
        (int exitCode, string output) = await ChildProcess.RunAsync(
            ChildProcess.StartInfo("bash", RepositoryPaths.Root, Path.Combine("eng", "check-packages.sh")), TimeSpan.FromMinutes(10));

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("AzureMlflow.Deploy.Emulator.Tool: ").And.Contain("AzureMlflow.Deploy.Aspire: ").And.Contain("AzureMlflow.Deploy.Aspire.Hosting: ")
            .And.Contain("azureml-emulator --help: ok").And.Contain("packages ok"));
    }
}
