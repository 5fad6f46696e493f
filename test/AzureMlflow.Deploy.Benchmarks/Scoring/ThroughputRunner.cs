using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Benchmarks.Scoring;

/// <summary>One measured client at one concurrency against one server with one body size.</summary>
internal sealed record ThroughputResult(string Server, string Client, int BodyBytes, int Concurrency, long Calls, int Errors, double RequestsPerSecond, double P99Milliseconds, double AllocatedBytesPerCall);

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
                    using var floor = new HttpClient(new SocketsHttpHandler(), disposeHandler: true);
                    floor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _info.Key);
                    var scoring = new ScoringClient(uri, new AzureKeyCredential(_info.Key), new ScoringClientOptions { Transport = new HttpClientTransport(new SocketsHttpHandler()) });
                    HttpPipeline pipeline = HttpPipelineBuilder.Build(new BareClientOptions { Transport = new HttpClientTransport(new SocketsHttpHandler()) });
                    results.AddRange(await MeasureAsync("Kestrel echo", bytes.Length, concurrency, log,
                        ("HttpClient floor", ct => FloorCallAsync(floor, uri, bytes, ct)),
                        (AzureCorePipeline, ct => PipelineCallAsync(pipeline, uri, body, _info.Key, ct)),
                        ("ScoringClient", async ct => await scoring.ScoreAsync(body, cancellationToken: ct))));
                }
                if (emulator)
                {
                    var uri = new Uri(_info.EmulatorScoringUri);
                    using var floor = new HttpClient(_info.EmulatorHandler(), disposeHandler: true);
                    floor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _info.Key);
                    var scoring = new ScoringClient(uri, new AzureKeyCredential(_info.Key), new ScoringClientOptions { Transport = new HttpClientTransport(_info.EmulatorHandler()) });
                    HttpPipeline pipeline = HttpPipelineBuilder.Build(new BareClientOptions { Transport = new HttpClientTransport(_info.EmulatorHandler()) });
                    MLClient ml = _info.CreateClient();
                    results.AddRange(await MeasureAsync("Emulator", bytes.Length, concurrency, log,
                        ("HttpClient floor", ct => FloorCallAsync(floor, uri, bytes, ct)),
                        (AzureCorePipeline, ct => PipelineCallAsync(pipeline, uri, body, _info.Key, ct)),
                        ("ScoringClient", async ct => await scoring.ScoreAsync(body, cancellationToken: ct)),
                        ("InvokeAsync", async ct => await ml.OnlineEndpoints.InvokeAsync(_info.EndpointName, body, cancellationToken: ct))));
                }
            }
        }
        return results;
    }

    /// <summary>The floor: <c>HttpClient.PostAsync</c> of the pre-built bytes, the response read whole.</summary>
    private static async Task FloorCallAsync(HttpClient client, Uri uri, byte[] bytes, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await client.PostAsync(uri, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
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
            var latencies = t.Latencies.ToArray();
            Array.Sort(latencies);
            double p99 = latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(latencies.Length * 0.99) - 1)] * 1000.0 / Stopwatch.Frequency;
            var result = new ThroughputResult(server, clients[c].Name, bodyBytes, concurrency, t.Calls, t.Errors,
                t.Calls / t.Seconds, p99, t.Calls == 0 ? double.NaN : (double)t.Allocated / t.Calls);
            log($"  {server,-13} {bodyBytes,8:N0} B  c={concurrency,-3} {clients[c].Name,-17} {result.RequestsPerSecond,9:F0} req/s  p99 {p99,8:F2} ms  {result.AllocatedBytesPerCall,10:N0} B/call{(t.Errors > 0 ? $"  {t.Errors} errors: {t.FirstError}" : "")}");
            results.Add(result);
        }
        return results;
    }

    private sealed class Totals
    {
        public long Calls;
        public int Errors;
        public string? FirstError;
        public double Seconds;
        public long Allocated;
        public List<long> Latencies { get; } = new(1 << 16);
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
        foreach (List<long> list in perWorker)
        {
            totals.Latencies.AddRange(list);
            totals.Calls += list.Count;
        }
        totals.Errors += errors;
        totals.FirstError ??= firstError;
        totals.Seconds += (double)(stop - start) / Stopwatch.Frequency;
        totals.Allocated += allocated;
    }
}
