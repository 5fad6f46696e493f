using System.Diagnostics;
using System.Text;
using AzureMlflow.Deploy.Benchmarks.ColdStart;
using AzureMlflow.Deploy.Benchmarks.Lro;
using AzureMlflow.Deploy.Benchmarks.Payloads;
using AzureMlflow.Deploy.Benchmarks.Scoring;
using AzureMlflow.Deploy.Benchmarks.Upload;
using AzureMlflow.Deploy.Emulator;

namespace AzureMlflow.Deploy.Benchmarks;

/// <summary>
/// Every workload once at tiny sizes, without BenchmarkDotNet, checking outputs: CI runs this so the benchmarks keep
/// building and working without slowing the build. Prints one line per workload and "smoke: all workloads OK".
/// </summary>
internal static class Smoke
{
    public static async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var failures = new List<string>();
        void Check(string workload, string? failure)
        {
            Console.WriteLine(failure is null ? $"smoke {workload}: OK" : $"smoke {workload}: FAILED {failure}");
            if (failure is not null)
            {
                failures.Add(workload);
            }
        }

        // 1. Payloads: every implementation writes the same values as the SDK.
        foreach (PayloadWorkload w in new[] { PayloadWorkloads.DataFrame("df", 25), PayloadWorkloads.Tensor(3), PayloadWorkloads.Records(20) })
        {
            ReadOnlyMemory<byte> sdk = w.Sdk().ToMemory();
            string? failure = JsonEquivalence.Difference(sdk, w.Stj()) is { } a ? "STJ " + a
                : JsonEquivalence.Difference(sdk, Encoding.UTF8.GetBytes(w.Newtonsoft())) is { } b ? "Newtonsoft " + b
                : JsonEquivalence.Difference(sdk, w.FloorOutput()) is { } c ? "floor " + c
                : JsonEquivalence.Difference(sdk, w.FormatterLoopOutput()) is { } d ? "Utf8Formatter loop " + d
                : w.WriterLoop() <= 0 ? "the Utf8JsonWriter loop wrote nothing" : null;
            Check($"payload {w.Key} ({sdk.Length} bytes)", failure);
        }
        (int streamExit, string streamOutput) = await ChildProcesses.RunAsync(ChildProcesses.Self("--stream-child", "2"), TimeSpan.FromMinutes(1));
        Check("payload stream", streamExit == 0 && streamOutput.Contains("stream bytes=", StringComparison.Ordinal) ? null : streamOutput);

        // 2-5 share one in-process server: the echo, and the emulator with Azurite when it can be found.
        await using EchoServer echo = await EchoServer.StartAsync();
        await using WorkspaceEmulator emulator = await WorkspaceEmulator.StartAsync(new EmulatorOptions { ProvisioningDuration = TimeSpan.FromMilliseconds(20) });
        ServerInfo info = await ServerHost.PrepareAsync(emulator, echo.ScoringUri, emulator.BlobService is not null);
        string infoPath = Path.Combine(Path.GetTempPath(), $"aml-bench-smoke-{Environment.ProcessId}.json");
        info.Save(infoPath);
        try
        {
            List<ThroughputResult> scoring = await new ThroughputRunner(info, TimeSpan.FromMilliseconds(100), rounds: 1).RunAsync([1024], [2], echo: true, emulator: true, _ => { });
            // Echo: the floor, the Azure.Core reference and ScoringClient; the emulator: those three and InvokeAsync.
            Check($"scoring ({scoring.Count} client runs, {scoring.Sum(r => r.Calls)} calls)",
                scoring.Count == 7 && scoring.All(r => r.Errors == 0 && r.Calls > 0) ? null : string.Join("; ", scoring.Select(r => $"{r.Server}/{r.Client}: {r.Calls} calls, {r.Errors} errors")));

            List<LroResult> lro = await LroRunner.RunAsync([TimeSpan.FromMilliseconds(300)], [null, TimeSpan.FromMilliseconds(400)], TimeSpan.FromMilliseconds(100), _ => { });
            Check("lro", lro.All(r => r.Error is null && r.StatusRequests > 0) ? null : string.Join("; ", lro.Select(r => r.Error ?? $"{r.StatusRequests} polls")));

            if (info.ContainerSasUri is null)
            {
                Check("upload", "Azurite was not found (npm ci --prefix eng/azurite)");
            }
            else
            {
                UploadResult upload = await UploadRunner.RunAsync(info, 2, 1, 20, 4, quick: true, _ => { });
                Check($"upload ({upload.Files} files)", upload.Error ?? (upload.ReregisterRequests > 0 && upload.SdkSeconds > 0 ? null : "no requests were counted"));
            }

            List<ColdStartResult> cold = await ColdStartRunner.RunAsync(infoPath, 1, _ => { });
            Check("cold start", cold.All(r => r.Error is null && r.Runs == 1) ? null : string.Join("; ", cold.Select(r => r.Error)));
        }
        finally
        {
            File.Delete(infoPath);
        }

        Console.WriteLine(failures.Count == 0
            ? $"smoke: all workloads OK in {total.Elapsed.TotalSeconds:F1} s"
            : $"smoke: {failures.Count} workload(s) FAILED: {string.Join(", ", failures)}");
        return failures.Count == 0 ? 0 : 1;
    }
}
