using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Benchmarks.Scoring;

namespace AzureMlflow.Deploy.Benchmarks.Lro;

/// <summary>One operation: how long after the emulator finished it the waiting call returned, and how it polled.</summary>
internal sealed record LroResult(TimeSpan Duration, TimeSpan? RetryAfter, TimeSpan PollingInterval, TimeSpan DetectionLatency, int StatusRequests, TimeSpan MinimumGap, string? Error)
{
    /// <summary>The interval the client should keep: its own, or the service's longer Retry-After.</summary>
    public TimeSpan EffectiveInterval => RetryAfter is { } ra && ra > PollingInterval ? ra : PollingInterval;

    public int AllowedStatusRequests => (int)Math.Ceiling(Duration / EffectiveInterval) + 1;
}

/// <summary>
/// Creates an online endpoint on an emulator whose operations take <c>duration</c> (optionally answering with
/// <c>Retry-After</c>), waits with the client's default polling interval, and reads from the emulator's request log when
/// the operation was due, how many status requests were made and the shortest gap between two of them (the PUT
/// counts as the first, since its answer carries the Retry-After too). All operations run at the same time, each
/// against its own emulator, so the whole set takes as long as the longest one.
/// </summary>
internal static class LroRunner
{
    public static async Task<List<LroResult>> RunAsync(IReadOnlyList<TimeSpan> durations, IReadOnlyList<TimeSpan?> retryAfters, TimeSpan? pollingInterval, Action<string> log)
    {
        var tasks = new List<Task<LroResult>>();
        foreach (TimeSpan? retryAfter in retryAfters)
        {
            foreach (TimeSpan duration in durations)
            {
                tasks.Add(MeasureAsync(duration, retryAfter, pollingInterval));
            }
        }
        LroResult[] results = await Task.WhenAll(tasks);
        foreach (LroResult r in results)
        {
            log($"  LRO {r.Duration.TotalSeconds,5:F1} s, Retry-After {(r.RetryAfter is { } ra ? $"{ra.TotalSeconds:F1} s" : "none"),-6}: detected {r.DetectionLatency.TotalMilliseconds,7:F0} ms after done, {r.StatusRequests} status requests, shortest gap {r.MinimumGap.TotalMilliseconds:F0} ms{(r.Error is null ? "" : "  ERROR " + r.Error)}");
        }
        return [.. results];
    }

    private static async Task<LroResult> MeasureAsync(TimeSpan duration, TimeSpan? retryAfter, TimeSpan? pollingInterval)
    {
        await using WorkspaceEmulator emulator = await WorkspaceEmulator.StartAsync(new EmulatorOptions { ProvisioningDuration = duration, RetryAfter = retryAfter, Storage = EmulatorStorage.None });
        var options = new MLClientOptions { ResourceManagerEndpoint = emulator.BaseUri, Transport = new Azure.Core.Pipeline.HttpClientTransport(emulator.CreateHttpMessageHandler()) };
        if (pollingInterval is { } interval)
        {
            options.PollingInterval = interval;
        }
        var ml = new MLClient(BenchCredential.Instance, emulator.Options.SubscriptionId, emulator.Options.ResourceGroup, emulator.Options.WorkspaceName, options);
        try
        {
            string name = "lro-" + (int)duration.TotalMilliseconds + (retryAfter is null ? "" : "-ra");
            emulator.Requests.Clear();
            var operation = await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineEndpoint(name));
            await operation.WaitForCompletionAsync();
            DateTimeOffset returned = DateTimeOffset.UtcNow;
            IReadOnlyList<RecordedRequest> requests = emulator.Requests.Snapshot();
            RecordedRequest put = requests.First(r => r.Method == "PUT" && r.Path.EndsWith("/onlineEndpoints/" + name, StringComparison.OrdinalIgnoreCase));
            // Received before the emulator stamped the operation's start, so this due time is early by a few ms at most (latency errs high).
            DateTimeOffset due = put.ReceivedAt + duration;
            var polls = requests.Where(r => r.Method == "GET" && r.Path.Contains("/mfeOperationsStatus/", StringComparison.OrdinalIgnoreCase)).Select(r => r.ReceivedAt).ToList();
            var times = new List<DateTimeOffset> { put.ReceivedAt };
            times.AddRange(polls);
            TimeSpan gap = times.Count < 2 ? TimeSpan.MaxValue : times.Zip(times.Skip(1), (a, b) => b - a).Min();
            return new LroResult(duration, retryAfter, options.PollingInterval, returned - due, polls.Count, gap, null);
        }
        catch (Exception ex)
        {
            return new LroResult(duration, retryAfter, options.PollingInterval, TimeSpan.Zero, 0, TimeSpan.Zero, ex.GetType().Name + ": " + ex.Message.Split('\n')[0]);
        }
    }
}
