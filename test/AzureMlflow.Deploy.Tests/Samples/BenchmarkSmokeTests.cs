using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>
/// The benchmark program (test/AzureMlflow.Deploy.Benchmarks, driven by eng/bench.sh) keeps building and working: its
/// smoke mode runs every workload once at tiny sizes, without BenchmarkDotNet, and checks the outputs (every payload
/// implementation writes the same values as the SDK). The real measurements are not part of the test run.
/// </summary>
[NonParallelizable]
public sealed class BenchmarkSmokeTests
{
    [Test]
    public async Task EveryBenchmarkWorkloadRunsOnceAndAgreesWithItsBaselines()
    {
        string dll = RepositoryPaths.Combine("test", "AzureMlflow.Deploy.Benchmarks", "bin", RepositoryPaths.Configuration, "net10.0", "AzureMlflow.Deploy.Benchmarks.dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} was not built");

        (int exitCode, string output) = await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet", RepositoryPaths.Root, dll, "--smoke"), TimeSpan.FromMinutes(2));

        Assert.That(exitCode, Is.EqualTo(0), output);
        foreach (string workload in new[] { "payload df", "payload tensor", "payload records", "payload stream", "scoring", "lro", "upload", "cold start" })
        {
            Assert.That(output, Does.Match($"smoke {workload}\\b[^\\n]*: OK"), output);
        }
        Assert.That(output, Does.Contain("smoke: all workloads OK"));
    }
}
