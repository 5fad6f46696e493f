using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Benchmarks.ColdStart;
using AzureMlflow.Deploy.Benchmarks.Lro;
using AzureMlflow.Deploy.Benchmarks.Payloads;
using AzureMlflow.Deploy.Benchmarks.Report;
using AzureMlflow.Deploy.Benchmarks.Scoring;
using AzureMlflow.Deploy.Benchmarks.Upload;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace AzureMlflow.Deploy.Benchmarks;

/// <summary>
/// The run eng/bench.sh drives: every workload of issue 7 with its baselines, side by side in one run, then
/// <c>summary.md</c> with each target marked met or not. Workloads are selected with <c>--filter</c> globs over
/// <c>Payload.DataFrame100k</c>, <c>Payload.DataFrame1M</c>, <c>Payload.Tensor10k</c>, <c>Payload.Records100k</c>,
/// <c>Payload.Stream</c>, <c>Scoring</c>, <c>Lro</c>, <c>Upload</c> and <c>ColdStart</c>.
/// </summary>
internal static partial class FullRun
{
    // Sizes and durations, kept here so the summary can state them.
    private static readonly int[] BodySizes = [1024, 1024 * 1024];
    private static readonly int[] Concurrencies = [1, 16, 64];
    private static readonly TimeSpan ScoringRound = TimeSpan.FromSeconds(0.6);
    private const int ScoringRounds = 5;
    private static readonly TimeSpan[] LroDurations = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)];
    private static readonly TimeSpan LroRetryAfter = TimeSpan.FromSeconds(7);
    private const int StreamMiB = 1024;
    private static int UploadLargeMiB => int.TryParse(Environment.GetEnvironmentVariable("BENCH_UPLOAD_LARGE_MIB"), out int mib) ? mib : 200;

    public static async Task<int> RunAsync(string outDirectory, string? pythonResults, List<string> filters)
    {
        Directory.CreateDirectory(outDirectory);
        var total = Stopwatch.StartNew();
        using var logFile = new StreamWriter(Path.Combine(outDirectory, "run.log")) { AutoFlush = true };
        void Log(string line)
        {
            Console.WriteLine(line);
            logFile.WriteLine(line);
        }
        bool Want(string name) => filters.Count == 0 || filters.Any(f => Glob(f, name));

        // 1. Payload building (BenchmarkDotNet, in process, short jobs).
        var payloadTypes = new[] { typeof(DataFrame100k), typeof(Records100k), typeof(DataFrame1M), typeof(Tensor10k) }.Where(t => Want("Payload." + t.Name)).ToArray();
        var payloadResults = new Dictionary<(string Type, string Method), (double MedianNs, double AllocatedBytes)>();
        if (payloadTypes.Length > 0)
        {
            Log("== Payload building (BenchmarkDotNet) ==");
            foreach (Summary summary in RunBenchmarks(payloadTypes, outDirectory))
            {
                foreach (BenchmarkReport report in summary.Reports)
                {
                    string type = report.BenchmarkCase.Descriptor.Type.Name;
                    string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                    double median = report.ResultStatistics?.Median ?? double.NaN;
                    long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                    payloadResults[(type, method)] = (median, allocated ?? double.NaN);
                }
            }
        }

        StreamResult? stream = null;
        if (Want("Payload.Stream"))
        {
            Log($"== Streaming a {StreamMiB} MiB payload in a child process ==");
            stream = await RunStreamChildAsync(StreamMiB, Log);
        }

        List<ThroughputResult>? scoring = null;
        List<LroResult>? lro = null;
        UploadResult? upload = null;
        List<ColdStartResult>? coldStart = null;
        Task<List<LroResult>>? lroTask = null;
        if (Want("Scoring") || Want("Upload") || Want("ColdStart"))
        {
            Log("== Starting the server process (Kestrel echo, emulator with Azurite) ==");
            await using ServerProcess server = await ServerProcess.StartAsync(TimeSpan.FromMinutes(3));
            if (Want("Scoring"))
            {
                Log("== Scoring throughput ==");
                scoring = await new ThroughputRunner(server.Info, ScoringRound, ScoringRounds).RunAsync(BodySizes, Concurrencies, echo: true, emulator: true, Log);
            }
            // Long-running operations mostly wait; they run alongside the upload and cold-start workloads to save time.
            if (Want("Lro"))
            {
                Log("== Long-running operations (running in the background) ==");
                lroTask = LroRunner.RunAsync(LroDurations, [null, LroRetryAfter], null, Log);
            }
            if (Want("Upload"))
            {
                Log("== Model upload ==");
                upload = await UploadRunner.RunAsync(server.Info, 4, UploadLargeMiB, 1000, 64, quick: false, Log);
            }
            if (Want("ColdStart"))
            {
                Log("== Cold start ==");
                coldStart = await ColdStartRunner.RunAsync(server.InfoPath, 7, Log);
            }
        }
        else if (Want("Lro"))
        {
            Log("== Long-running operations ==");
            lroTask = LroRunner.RunAsync(LroDurations, [null, LroRetryAfter], null, Log);
        }
        if (lroTask is not null)
        {
            lro = await lroTask;
        }

        PythonResults? python = PythonResults.Load(pythonResults);
        var markdown = new Markdown();
        WriteSummary(markdown, payloadTypes, payloadResults, python, stream, scoring, lro, upload, coldStart, total.Elapsed);
        string path = Path.Combine(outDirectory, "summary.md");
        File.WriteAllText(path, markdown.ToString());
        Log("");
        Log(markdown.ToString());
        Log($"Wrote {path}: {markdown.Met} targets met, {markdown.NotMet} not met, {markdown.WithinSpread} within the spread, {markdown.NotMeasured} not measured.");
        return 0;
    }

    private static IEnumerable<Summary> RunBenchmarks(Type[] types, string outDirectory)
    {
        // In process (no per-benchmark project build) with few iterations: the whole set must fit in bench.sh's budget.
        Job quick = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(300)).WithId("Short");
        Job large = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithInvocationCount(1).WithUnrollFactor(1).WithId("Large");
        foreach (Type type in types)
        {
            bool isLarge = type == typeof(DataFrame1M) || type == typeof(Tensor10k);
            IConfig config = ManualConfig.CreateEmpty()
                .AddJob(isLarge ? large : quick)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumnProvider(DefaultColumnProviders.Instance)
                .AddLogger(ConsoleLogger.Default)
                .AddExporter(MarkdownExporter.GitHub)
                .WithArtifactsPath(Path.Combine(outDirectory, "bdn"))
                .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
            yield return BenchmarkRunner.Run(type, config);
        }
    }

    private sealed record StreamResult(long Bytes, double Seconds, long PeakWorkingSet, long WorkingSetBefore, string? Error);

    private static async Task<StreamResult> RunStreamChildAsync(int mebibytes, Action<string> log)
    {
        (int exit, string output) = await ChildProcesses.RunAsync(ChildProcesses.Self("--stream-child", mebibytes.ToString(CultureInfo.InvariantCulture)), TimeSpan.FromMinutes(5));
        Match m = StreamLine().Match(output);
        if (exit != 0 || !m.Success)
        {
            log("  stream child failed: " + output);
            return new StreamResult(0, double.NaN, 0, 0, $"exit {exit}: {output.Split('\n')[0]}");
        }
        var result = new StreamResult(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), null);
        log($"  streamed {result.Bytes / 1048576.0:F0} MiB in {result.Seconds:F1} s; peak working set {result.PeakWorkingSet / 1048576.0:F1} MiB (before writing {result.WorkingSetBefore / 1048576.0:F1} MiB)");
        return result;
    }

    [GeneratedRegex(@"stream bytes=(\d+) seconds=([0-9.]+) peak_working_set=(\d+) working_set_before=(\d+)")]
    private static partial Regex StreamLine();

    private static bool Glob(string pattern, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase)
        || name.StartsWith(pattern + ".", StringComparison.OrdinalIgnoreCase);

    private static void WriteSummary(Markdown md, Type[] payloadTypes, Dictionary<(string Type, string Method), (double MedianNs, double AllocatedBytes)> payload, PythonResults? python,
        StreamResult? stream, List<ThroughputResult>? scoring, List<LroResult>? lro, UploadResult? upload, List<ColdStartResult>? coldStart, TimeSpan elapsed)
    {
        md.Line("# AzureMlflow.Deploy benchmarks");
        md.Line();
        md.Line(string.Create(CultureInfo.InvariantCulture,
            $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; the benchmark program took {elapsed.TotalMinutes:F1} min. ")
            + "Every ratio compares figures measured in this same run. Reproduce with `eng/bench.sh` (see `--filter`).");
        md.Line();

        if (payloadTypes.Length > 0)
        {
            md.Line("## 1. Payload building");
            md.Line();
            md.Line("Median time to build the whole request body (`ToBinaryData()`, materialized) with BenchmarkDotNet (in process; short jobs), against the same document from System.Text.Json " +
                "reflection and Newtonsoft.Json (`JsonConvert.SerializeObject`) of the equivalent object graph (pre-built), three bare loops that write the same document's brackets, commas and numbers " +
                "into a reused buffer, and Python. The floor is the loop that formats numbers with the SDK's own formatter (shortest round-trip, as the SDK writes them), so SDK / floor is what the SDK " +
                "costs beyond formatting numbers; the same loop with the runtime's `Utf8Formatter` and a `Utf8JsonWriter` loop are references. Python (" + (python?.Versions ?? "not run") + ": `json.dumps` of the same lists, and pandas `DataFrame.to_json(orient=\"split\", double_precision=15)`, " +
                "pandas' maximum precision). Ratios above 1 mean the SDK is faster. Allocation is the SDK's bytes allocated per call over the size of the body it returns.");
            md.Line();
            var rows = new List<string[]>();
            foreach (Type type in payloadTypes)
            {
                string t = type.Name;
                string key = KeyOf(t);
                (double sdk, double sdkAlloc) = Get(payload, t, "Sdk");
                double floor = Get(payload, t, "SdkFormatterFloor").MedianNs;
                double formatter = Get(payload, t, "Utf8FormatterLoop").MedianNs;
                double writer = Get(payload, t, "Utf8JsonWriterLoop").MedianNs;
                double stj = Get(payload, t, "StjReflection").MedianNs;
                double newtonsoft = Get(payload, t, "Newtonsoft").MedianNs;
                PayloadBenchmarks.Checks.TryGetValue(t, out PayloadCheck? check);
                double output = check?.OutputBytes ?? double.NaN;
                double? dumps = python?.Seconds(key, "json_dumps");
                double? pandas = python?.Seconds(key, "pandas");
                rows.Add([
                    $"{Title(t)} ({Markdown.Size(output)})" + (check?.Difference is { } d ? $" — output differs from STJ: {d}" : ""),
                    Markdown.Ms(sdk),
                    Markdown.Ms(floor),
                    md.Target(Markdown.F(sdk / floor) + "x", Known(sdk, floor) ? sdk / floor <= 1.15 : null, $"{Title(t)}: SDK within 1.15x of the floor (its own formatter in a bare loop)"),
                    $"{Markdown.Ms(formatter)} ({Markdown.F(formatter / sdk)}x)",
                    $"{Markdown.Ms(writer)} ({Markdown.F(writer / sdk)}x)",
                    md.Target(Markdown.F(stj / sdk) + "x", Known(sdk, stj) ? stj / sdk >= 2 : null, $"{Title(t)}: 2x faster than STJ reflection"),
                    md.Target(Markdown.F(newtonsoft / sdk) + "x", Known(sdk, newtonsoft) ? newtonsoft / sdk >= 2 : null, $"{Title(t)}: 2x faster than Newtonsoft"),
                    dumps is { } ds ? $"{Markdown.Ms(ds * 1e9)} ({Markdown.F(ds * 1e9 / sdk)}x)" : "n/a",
                    pandas is { } ps ? md.Target($"{Markdown.Ms(ps * 1e9)} ({Markdown.F(ps * 1e9 / sdk)}x)", Known(sdk) ? ps * 1e9 / sdk >= 5 : null, $"{Title(t)}: 5x faster than pandas") : "n/a (no pandas equivalent)",
                    md.Target(Markdown.F(sdkAlloc / output) + "x", Known(sdkAlloc, output) ? sdkAlloc / output <= 1.1 : null, $"{Title(t)}: allocations at most 1.1x the output"),
                ]);
            }
            md.Table(["workload (body size)", "SDK", "floor: SDK formatter loop", "SDK / floor (≤ 1.15)", "Utf8Formatter loop (÷ SDK)", "Utf8JsonWriter loop (÷ SDK)", "STJ reflection ÷ SDK (≥ 2)", "Newtonsoft ÷ SDK (≥ 2)", "Python json.dumps (÷ SDK)", "pandas to_json (÷ SDK, ≥ 5)", "SDK allocated ÷ body (≤ 1.1)"], rows);
        }
        if (stream is not null)
        {
            md.Line($"Streaming (`WriteToAsync` to a stream that only counts bytes, in a child process; the values come from 65,536 pre-boxed doubles, so the source takes no memory and allocates nothing per value):");
            md.Line();
            md.Table(["body", "time", "throughput", "working set before writing", "peak working set (< 64 MiB)"],
            [[
                Markdown.Size(stream.Bytes), Markdown.F(stream.Seconds, "F1") + " s", Markdown.F(stream.Bytes / 1e6 / stream.Seconds, "F0") + " MB/s",
                Markdown.Size(stream.WorkingSetBefore),
                md.Target(Markdown.Size(stream.PeakWorkingSet), stream.Error is null ? stream.PeakWorkingSet < 64L * 1024 * 1024 && stream.Bytes >= 1L << 30 : null, "1 GiB streamed under 64 MiB peak working set"),
            ]]);
        }

        if (scoring is not null)
        {
            md.Line("## 2. Scoring throughput");
            md.Line();
            md.Line($"Closed-loop callers (1, 16, 64) for {ScoringRounds} rounds of {ScoringRound.TotalSeconds:F1} s per client, the clients alternating round by round, after a warm-up; servers in a separate process (so allocations are the client's). " +
                "The floor is the leanest correct call: `HttpMessageInvoker.SendAsync` straight on the handler with the pre-built bytes and the same headers, the response read to its end into a pooled buffer " +
                "(none of HttpClient's per-call timeout or buffering work); `ScoringClient.ScoreAsync` and `OnlineEndpoints.InvokeAsync` send the same bytes (`BinaryData`). " +
                "Each ratio is over all rounds, with the range of the per-round ratios after it; a target inside that range is marked \"within the spread\" (this machine cannot tell), not met or not met. " +
                "The Azure.Core pipeline row is a reference without targets: the same POST through `HttpPipelineBuilder.Build` with default `ClientOptions`, the per-call cost of any Azure.Core-based client. " +
                "Kestrel echo: plain HTTP on loopback; emulator: HTTPS, key auth, a registered trivial scorer (the emulator parses every body, so it is much slower than the echo).");
            md.Line();
            var rows = new List<string[]>();
            foreach (var group in scoring.GroupBy(r => (r.Server, r.BodyBytes, r.Concurrency)))
            {
                ThroughputResult floor = group.First(r => r.Client == ThroughputRunner.Floor);
                foreach (ThroughputResult sdk in group.Where(r => r.Client != ThroughputRunner.Floor))
                {
                    double minimum = sdk.Client == "InvokeAsync" ? 0.9 : 0.95;
                    string label = $"{group.Key.Server}, {Markdown.Size(group.Key.BodyBytes)}, c={group.Key.Concurrency}, {sdk.Client}";
                    bool clean = floor.Errors == 0 && sdk.Errors == 0 && sdk.Calls > 0;
                    // The Azure.Core pipeline row is a reference (what Azure.Core itself costs), so it is reported without targets.
                    bool reference = sdk.Client == ThroughputRunner.AzureCorePipeline;
                    string Target(string value, bool? met, string what) => reference ? value : md.Target(value, met, what);
                    (double low, double high) rps = Spread(sdk.RoundRequestsPerSecond, floor.RoundRequestsPerSecond);
                    (double low, double high) p99 = Spread(sdk.RoundP99Milliseconds, floor.RoundP99Milliseconds);
                    string RoundTarget(string value, (double Low, double High) spread, Func<double, bool> meets, string what)
                    {
                        value += $" ({Markdown.F(spread.Low)}-{Markdown.F(spread.High)}x)";
                        return reference ? value : clean ? md.SpreadTarget(value, spread.Low, spread.High, meets, what) : md.Target(value, null, what);
                    }
                    rows.Add([
                        group.Key.Server, Markdown.Size(group.Key.BodyBytes), group.Key.Concurrency.ToString(CultureInfo.InvariantCulture), sdk.Client,
                        Markdown.F(floor.RequestsPerSecond, "F0"),
                        RoundTarget($"{Markdown.F(sdk.RequestsPerSecond, "F0")} ({Markdown.F(sdk.RequestsPerSecond / floor.RequestsPerSecond)}x)", rps, r => r >= minimum, $"{label}: ≥ {minimum}x the floor's requests/s"),
                        Markdown.F(floor.P99Milliseconds),
                        RoundTarget($"{Markdown.F(sdk.P99Milliseconds)} ({Markdown.F(sdk.P99Milliseconds / floor.P99Milliseconds)}x)", p99, r => r <= 1.2, $"{label}: p99 ≤ 1.2x the floor's"),
                        Markdown.F(floor.AllocatedBytesPerCall, "N0"),
                        Target($"{Markdown.F(sdk.AllocatedBytesPerCall, "N0")} ({(sdk.AllocatedBytesPerCall >= floor.AllocatedBytesPerCall ? "+" : "")}{Markdown.F(sdk.AllocatedBytesPerCall - floor.AllocatedBytesPerCall, "N0")})", clean ? sdk.AllocatedBytesPerCall - floor.AllocatedBytesPerCall <= 2048 : null, $"{label}: allocations within 2 KB of the floor's"),
                        floor.Errors + sdk.Errors == 0 ? "0" : $"{floor.Errors}/{sdk.Errors}",
                    ]);
                }
            }
            md.Table(["server", "body", "callers", "client", "floor req/s", "client req/s (≥ 0.95x; InvokeAsync ≥ 0.9x; per-round range)", "floor p99 ms", "client p99 ms (≤ 1.2x; per-round range)", "floor B/call", "client B/call (≤ floor + 2 KB)", "errors"], rows);
        }

        if (lro is not null)
        {
            md.Line("## 3. Long-running operations");
            md.Line();
            md.Line("An online endpoint create on emulators whose operations take 1 s, 10 s and 60 s (not scaled; all six run at once), waited for with `WaitForCompletionAsync()` and the default " +
                $"`PollingInterval` ({Markdown.F(lro.FirstOrDefault()?.PollingInterval.TotalSeconds ?? double.NaN, "F0")} s), without and with `Retry-After: {LroRetryAfter.TotalSeconds:F0}`. Detection latency: from the operation's due time " +
                "(the PUT's arrival + duration, so it errs high by a few ms) to the wait returning. Status requests: GETs of the Azure-AsyncOperation URL. The interval a poller should keep is the " +
                "polling interval or the longer Retry-After; the shortest gap includes PUT → first status request, since the PUT's answer carries Retry-After too (20 ms tolerance for loopback jitter).");
            md.Line();
            md.Line("Why 5 s by default: the Python SDK polls deployment creates and deletes every 5 s (`AzureMLPolling(5)`) and endpoint creates at ARM's default 30 s; 5 s detects completion within 5 s " +
                "for at most ceil(d / 5) + 1 reads (13 for a 60 s operation, far below ARM's read limits), while 30 s would add up to 30 s to every deployment, which typically takes minutes.");
            md.Line();
            md.Table(["duration", "Retry-After", "interval kept", "detection latency (≤ interval)", "status requests (≤ ceil(d/i)+1)", "shortest gap (≥ Retry-After)"],
                lro.Select(r =>
                {
                    string label = $"LRO {r.Duration.TotalSeconds:F0} s{(r.RetryAfter is null ? "" : " with Retry-After")}";
                    bool ok = r.Error is null;
                    return new[]
                    {
                        Markdown.F(r.Duration.TotalSeconds, "F0") + " s",
                        r.RetryAfter is { } ra ? Markdown.F(ra.TotalSeconds, "F0") + " s" : "none",
                        Markdown.F(r.EffectiveInterval.TotalSeconds, "F0") + " s",
                        md.Target(ok ? Markdown.F(r.DetectionLatency.TotalSeconds, "F2") + " s" : "error: " + r.Error, ok ? r.DetectionLatency <= r.EffectiveInterval : null, $"{label}: detected within one interval"),
                        md.Target($"{r.StatusRequests} (≤ {r.AllowedStatusRequests})", ok ? r.StatusRequests <= r.AllowedStatusRequests : null, $"{label}: status requests ≤ ceil(d/i)+1"),
                        r.RetryAfter is { } retry
                            ? md.Target(Markdown.F(r.MinimumGap.TotalSeconds, "F2") + " s", ok ? r.MinimumGap >= retry - TimeSpan.FromMilliseconds(20) : null, $"{label}: no request sooner than Retry-After")
                            : Markdown.F(r.MinimumGap.TotalSeconds, "F2") + " s",
                    };
                }));
        }

        if (upload is not null)
        {
            md.Line("## 4. Model upload");
            md.Line();
            if (upload.Error is not null)
            {
                md.Line("Not measured: " + upload.Error);
                md.Line();
            }
            else
            {
                md.Line($"A local MLflow folder of {upload.Files:N0} files, {Markdown.Size(upload.Bytes)} (four {UploadLargeMiB} MiB files plus 1,000 files of 64 KiB{(UploadLargeMiB < 200 ? $"; reduced from four 200 MB files to fit bench.sh's time budget on this machine, set BENCH_UPLOAD_LARGE_MIB=200 for the full size" : "")}) " +
                    "to Azurite through the emulator's datastore. SDK: `Models.CreateOrUpdateAsync` with its defaults; its upload time is the registration time minus the re-registration time (hash and lookups). " +
                    $"Sequential: `BlobClient.UploadAsync(path)` per file with defaults. Tuned floor: the best raw parallel upload (`BlobClient.UploadAsync` with transfer options) among files x blocks x block size {upload.SearchedSettings} " +
                    $"(the first is the SDK's own defaults on this machine); the best was {upload.TunedSettings}. Every contender (sequential, each raw setting, the SDK with a changed file each time) uploaded the folder {upload.Repeats} times, interleaved, and keeps its best time. " +
                    "Hashing: the SDK's content hash (a re-registration of the unchanged folder, requests included) against single-core MD5 of an in-memory buffer.");
                md.Line();
                double sdkMb = upload.Mb(upload.SdkUploadSeconds), tunedMb = upload.Mb(upload.TunedSeconds), seqMb = upload.Mb(upload.SequentialSeconds), hashMb = upload.Mb(upload.RehashSeconds);
                md.Table(["SDK upload", "tuned floor", "SDK ÷ floor (≥ 0.9)", "sequential", "SDK ÷ sequential (≥ 3)", "SDK end to end (hash + upload + register)", "hash", "MD5 single core", "hash ÷ MD5 (≥ 0.8)", "re-registration"],
                [[
                    Markdown.F(sdkMb, "F0") + " MB/s", Markdown.F(tunedMb, "F0") + " MB/s",
                    md.Target(Markdown.F(sdkMb / tunedMb) + "x", sdkMb / tunedMb >= 0.9, "upload ≥ 0.9x the tuned floor"),
                    Markdown.F(seqMb, "F0") + " MB/s",
                    md.Target(Markdown.F(sdkMb / seqMb) + "x", sdkMb / seqMb >= 3, "upload ≥ 3x the sequential baseline"),
                    Markdown.F(upload.Mb(upload.SdkSeconds), "F0") + $" MB/s ({Markdown.F(upload.SdkSeconds, "F1")} s)",
                    Markdown.F(hashMb, "F0") + " MB/s",
                    Markdown.F(upload.Md5MemoryMBps, "F0") + $" MB/s (files: {Markdown.F(upload.Md5FilesMBps, "F0")})",
                    md.Target(Markdown.F(hashMb / upload.Md5MemoryMBps) + "x", hashMb / upload.Md5MemoryMBps >= 0.8, "hashing ≥ 80% of single-core MD5"),
                    md.Target($"{Markdown.F(upload.RehashSeconds, "F2")} s, {upload.ReregisterRequests} requests of which {upload.ReregisterUploadRequests} for the upload", upload.ReregisterUploadRequests <= 3, "re-registration: the hash plus at most 3 upload requests"),
                ]]);
                md.Line($"Re-registration requests: {upload.ReregisterDetail}. The hash names the upload folder, so it is computed before the upload starts and is not overlapped with it.");
                md.Line();
            }
        }

        if (coldStart is not null)
        {
            md.Line("## 5. Cold start");
            md.Line();
            md.Line("A fresh `dotnet` process that creates an `MLClient` and completes its first `OnlineEndpoints.GetAsync` against the emulator, against one that makes the same authenticated GET with a raw " +
                "`HttpClient` (both trust the emulator's certificate the same way; the token is a fixed one, so no token acquisition is in either). Median of 7 alternating runs after a warm-up. " +
                "The target is on the time from Main to the first response, the part the SDK adds to; the whole process's time (runtime start-up and exit included in both) is shown for reference.");
            md.Line();
            ColdStartResult? raw = coldStart.FirstOrDefault(r => r.Mode == "raw");
            ColdStartResult? sdk = coldStart.FirstOrDefault(r => r.Mode == "sdk");
            if (raw is not null && sdk is not null)
            {
                bool ok = raw.Error is null && sdk.Error is null;
                md.Table(["", "raw HttpClient GET", "MLClient first Get", "ratio (≤ 1.5)"],
                [
                    ["from Main to the first response", Markdown.F(raw.MedianInMainMs, "F0") + " ms", Markdown.F(sdk.MedianInMainMs, "F0") + " ms",
                        md.Target(Markdown.F(sdk.MedianInMainMs / raw.MedianInMainMs) + "x", ok ? sdk.MedianInMainMs / raw.MedianInMainMs <= 1.5 : null, "cold start (Main to first response) ≤ 1.5x a raw HttpClient GET")],
                    ["whole process (start to exit)", Markdown.F(raw.MedianProcessMs, "F0") + " ms", Markdown.F(sdk.MedianProcessMs, "F0") + " ms", Markdown.F(sdk.MedianProcessMs / raw.MedianProcessMs) + "x (reference)"],
                ]);
            }
        }

        md.Line(md.Headline);
        if (md.Unmet.Count > 0)
        {
            md.Line();
            md.Line("Not met: " + string.Join("; ", md.Unmet) + ".");
        }
    }

    private static bool Known(params double[] values) => values.All(v => !double.IsNaN(v) && v > 0);

    /// <summary>The lowest and highest of the per-round ratios <paramref name="client"/>[i] / <paramref name="floor"/>[i].</summary>
    private static (double Low, double High) Spread(double[] client, double[] floor)
    {
        double[] ratios = [.. client.Zip(floor, (c, f) => c / f).Where(r => !double.IsNaN(r) && !double.IsInfinity(r))];
        return ratios.Length == 0 ? (double.NaN, double.NaN) : (ratios.Min(), ratios.Max());
    }

    private static (double MedianNs, double AllocatedBytes) Get(Dictionary<(string, string), (double, double)> results, string type, string method) =>
        results.TryGetValue((type, method), out var value) ? value : (double.NaN, double.NaN);

    private static string KeyOf(string type) => type switch
    {
        nameof(DataFrame100k) => "df100k",
        nameof(DataFrame1M) => "df1m",
        nameof(Tensor10k) => "tensor",
        _ => "records",
    };

    private static string Title(string type) => type switch
    {
        nameof(DataFrame100k) => "DataFrame split 100,000 x 10 doubles",
        nameof(DataFrame1M) => "DataFrame split 1,000,000 x 10 doubles",
        nameof(Tensor10k) => "Tensor [10000, 28, 28] float32",
        _ => "Records: 100,000 x 12-property type",
    };
}

/// <summary>What eng/bench_baselines.py measured: seconds per workload and baseline.</summary>
internal sealed class PythonResults
{
    private readonly JsonElement _root;

    private PythonResults(JsonElement root) => _root = root;

    public string Versions => _root.TryGetProperty("versions", out JsonElement v) ? v.GetString() ?? "" : "";

    public static PythonResults? Load(string? path) =>
        path is not null && File.Exists(path) ? new PythonResults(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone()) : null;

    public double? Seconds(string workload, string baseline) =>
        _root.TryGetProperty(workload, out JsonElement w) && w.TryGetProperty(baseline, out JsonElement b) && b.TryGetProperty("seconds", out JsonElement s) ? s.GetDouble() : null;
}
