using System.Diagnostics;
using System.Net.Http;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Benchmarks.Scoring;

/// <summary>
/// One measured client at one concurrency against one server with one body size: totals over all rounds, and each
/// round's requests per second and p99 (for the spread of ratios between clients measured in the same rounds).
/// </summary>
internal sealed record ThroughputResult(string Server, string Client, int BodyBytes, int Concurrency, long Calls, int Errors, double RequestsPerSecond, double P99Milliseconds, double AllocatedBytesPerCall,
    double[] RoundRequestsPerSecond, double[] RoundP99Milliseconds);

/// <summary>
/// Closed-loop load: <c>concurrency</c> callers each send the next request as soon as the previous one is answered. The
/// clients under test are measured in alternating rounds (floor, SDK, floor, SDK, ...) so drift on this shared 2-core
/// machine hits them alike; allocations are the client process's own (the servers run in another process).
/// </summary>
internal sealed class ThroughputRunner
{
    /// <summary>The name of the Azure.Core reference client (reported, not held to a target).</summary>
    public const string AzureCorePipeline = "Azure.Core pipeline";

    private readonly ServerInfo _info;
    private readonly TimeSpan _round;
    private readonly int _rounds;

    public ThroughputRunner(ServerInfo info, TimeSpan round, int rounds)
    {
        _info = info;
        _round = round;
        _rounds = rounds;
    }

    /// <summary>A JSON body of about <paramref name="approximateBytes"/> (a DataFrame of ten double columns), built by the SDK once.</summary>
    public static byte[] Body(int approximateBytes)
    {
        int rows = Math.Max(1, approximateBytes / 190);
        while (true)
        {
            double[][] columns = Payloads.PayloadData.DataFrameColumns(rows);
            byte[] body = ScoringPayload.FromColumns(Payloads.PayloadData.ColumnNames(Payloads.PayloadData.Columns).Select((n, c) => PayloadColumn.Create(n, columns[c])).ToArray()).ToBinaryData().ToArray();
            if (body.Length >= approximateBytes * 0.9 || rows > 1_000_000)
            {
                return body;
            }
            rows = (int)(rows * (approximateBytes / (double)body.Length)) + 1;
        }
    }

    public async Task<List<ThroughputResult>> RunAsync(IReadOnlyList<int> bodySizes, IReadOnlyList<int> concurrencies, bool echo, bool emulator, Action<string> log)
    {
        var results = new List<ThroughputResult>();
        foreach (int size in bodySizes)
        {
            byte[] bytes = Body(size);
            var body = BinaryData.FromBytes(bytes);
            foreach (int concurrency in concurrencies)
            {
                if (echo)
                {
                    var uri = new Uri(_info.EchoScoringUri);
                    using var floor = new HttpMessageInvoker(new SocketsHttpHandler(), disposeHandler: true);
                    var scoring = new ScoringClient(uri, new AzureKeyCredential(_info.Key), new ScoringClientOptions { Transport = new HttpClientTransport(new SocketsHttpHandler()) });
                    HttpPipeline pipeline = HttpPipelineBuilder.Build(new BareClientOptions { Transport = new HttpClientTransport(new SocketsHttpHandler()) });
                    results.AddRange(await MeasureAsync("Kestrel echo", bytes.Length, concurrency, log,
                        (Floor, ct => FloorCallAsync(floor, uri, bytes, _info.Key, ct)),
                        (AzureCorePipeline, ct => PipelineCallAsync(pipeline, uri, body, _info.Key, ct)),
                        ("ScoringClient", async ct => await scoring.ScoreAsync(body, cancellationToken: ct))));
                }
                if (emulator)
                {
                    var uri = new Uri(_info.EmulatorScoringUri);
                    using var floor = new HttpMessageInvoker(_info.EmulatorHandler(), disposeHandler: true);
                    var scoring = new ScoringClient(uri, new AzureKeyCredential(_info.Key), new ScoringClientOptions { Transport = new HttpClientTransport(_info.EmulatorHandler()) });
                    HttpPipeline pipeline = HttpPipelineBuilder.Build(new BareClientOptions { Transport = new HttpClientTransport(_info.EmulatorHandler()) });
                    MLClient ml = _info.CreateClient();
                    results.AddRange(await MeasureAsync("Emulator", bytes.Length, concurrency, log,
                        (Floor, ct => FloorCallAsync(floor, uri, bytes, _info.Key, ct)),
                        (AzureCorePipeline, ct => PipelineCallAsync(pipeline, uri, body, _info.Key, ct)),
                        ("ScoringClient", async ct => await scoring.ScoreAsync(body, cancellationToken: ct)),
                        ("InvokeAsync", async ct => await ml.OnlineEndpoints.InvokeAsync(_info.EndpointName, body, cancellationToken: ct))));
                }
            }
        }
        return results;
    }

    /// <summary>The name of the floor client.</summary>
    public const string Floor = "HttpMessageInvoker floor";

    /// <summary>
    /// The floor, the leanest correct call: an <see cref="HttpMessageInvoker"/> straight on the handler (none of
    /// HttpClient's per-call timeout, default-header or buffering work), the pre-built bytes with the same two headers,
    /// the status checked and the response read to its end into a pooled buffer.
    /// </summary>
    private static async Task FloorCallAsync(HttpMessageInvoker invoker, Uri uri, byte[] bytes, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using HttpResponseMessage response = await invoker.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Status {(int)response.StatusCode}");
        }
        using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A reference, not a target: the same POST through a bare Azure.Core pipeline with default options (what every
    /// Azure.Core-based client pays per call before doing anything of its own).
    /// </summary>
    private static async Task PipelineCallAsync(HttpPipeline pipeline, Uri uri, BinaryData body, string key, CancellationToken cancellationToken)
    {
        using HttpMessage message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add(HttpHeader.Names.Authorization, "Bearer " + key);
        message.Request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(body);
        await pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status != 200)
        {
            throw new InvalidOperationException($"Status {message.Response.Status}");
        }
        _ = message.Response.Content;
    }

    private sealed class BareClientOptions : ClientOptions
    {
    }

    private async Task<List<ThroughputResult>> MeasureAsync(string server, int bodyBytes, int concurrency, Action<string> log, params (string Name, Func<CancellationToken, Task> Call)[] clients)
    {
        // Warm up every client (connections opened, code jitted) before anything is measured.
        foreach ((_, Func<CancellationToken, Task> call) in clients)
        {
            await LoopAsync(call, concurrency, TimeSpan.FromMilliseconds(300), null);
        }
        var totals = clients.Select(_ => new Totals()).ToArray();
        for (int round = 0; round < _rounds; round++)
        {
            for (int c = 0; c < clients.Length; c++)
            {
                await LoopAsync(clients[c].Call, concurrency, _round, totals[c]);
            }
        }
        var results = new List<ThroughputResult>();
        for (int c = 0; c < clients.Length; c++)
        {
            Totals t = totals[c];
            double p99 = P99(t.Latencies);
            var result = new ThroughputResult(server, clients[c].Name, bodyBytes, concurrency, t.Calls, t.Errors,
                t.Calls / t.Seconds, p99, t.Calls == 0 ? double.NaN : (double)t.Allocated / t.Calls, [.. t.RoundRequestsPerSecond], [.. t.RoundP99]);
            log($"  {server,-13} {bodyBytes,8:N0} B  c={concurrency,-3} {clients[c].Name,-24} {result.RequestsPerSecond,9:F0} req/s  p99 {p99,8:F2} ms  {result.AllocatedBytesPerCall,10:N0} B/call{(t.Errors > 0 ? $"  {t.Errors} errors: {t.FirstError}" : "")}");
            results.Add(result);
        }
        return results;
    }

    private static double P99(List<long> latencies)
    {
        if (latencies.Count == 0)
        {
            return double.NaN;
        }
        long[] sorted = [.. latencies];
        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    private sealed class Totals
    {
        public long Calls;
        public int Errors;
        public string? FirstError;
        public double Seconds;
        public long Allocated;
        public List<long> Latencies { get; } = new(1 << 16);
        public List<double> RoundRequestsPerSecond { get; } = [];
        public List<double> RoundP99 { get; } = [];
    }

    private static async Task LoopAsync(Func<CancellationToken, Task> call, int concurrency, TimeSpan duration, Totals? totals)
    {
        var perWorker = Enumerable.Range(0, concurrency).Select(_ => new List<long>(1 << 14)).ToArray();
        int errors = 0;
        string? firstError = null;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        long end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            List<long> mine = perWorker[w];
            while (Stopwatch.GetTimestamp() < end)
            {
                long t0 = Stopwatch.GetTimestamp();
                try
                {
                    await call(CancellationToken.None);
                    mine.Add(Stopwatch.GetTimestamp() - t0);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref errors);
                    firstError ??= ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
                }
            }
        })));
        long stop = Stopwatch.GetTimestamp();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (totals is null)
        {
            return;
        }
        var round = new List<long>();
        foreach (List<long> list in perWorker)
        {
            round.AddRange(list);
        }
        totals.Latencies.AddRange(round);
        totals.Calls += round.Count;
        totals.RoundRequestsPerSecond.Add(round.Count / ((double)(stop - start) / Stopwatch.Frequency));
        totals.RoundP99.Add(P99(round));
        totals.Errors += errors;
        totals.FirstError ??= firstError;
        totals.Seconds += (double)(stop - start) / Stopwatch.Frequency;
        totals.Allocated += allocated;
    }
}
