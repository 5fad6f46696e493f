using System.Collections.Concurrent;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>
/// Sits between a client and blob storage (every request not sent to the emulator's own port): records the storage
/// requests in the order they started and finished, and can take storage down (connections refused) after a given
/// number of successful blob writes.
/// </summary>
internal sealed class StorageTap(HttpMessageHandler inner, int emulatorPort) : DelegatingHandler(inner)
{
    private int _sequence;
    private int _writesLeft = int.MaxValue;

    /// <summary>One storage request: what it was, and the sequence numbers at which it started and finished (0 if it failed).</summary>
    public sealed record Entry(string Method, string PathAndQuery, int Started, int Finished);

    public ConcurrentQueue<Entry> Log { get; } = new();

    /// <summary>Lets <paramref name="writes"/> more blob writes through, then refuses every storage connection.</summary>
    public void FailAfterWrites(int writes) => Volatile.Write(ref _writesLeft, writes);

    public void Restore() => Volatile.Write(ref _writesLeft, int.MaxValue);

    public void Clear() => Log.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.Port == emulatorPort)
        {
            return await base.SendAsync(request, cancellationToken);
        }
        int started = Interlocked.Increment(ref _sequence);
        string what = request.RequestUri.PathAndQuery;
        bool write = request.Method == HttpMethod.Put;
        if (Volatile.Read(ref _writesLeft) <= 0 || (write && Interlocked.Decrement(ref _writesLeft) < 0))
        {
            Log.Enqueue(new Entry(request.Method.Method, what, started, 0));
            throw new HttpRequestException("Connection refused (storage is down for this test).");
        }
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        Log.Enqueue(new Entry(request.Method.Method, what, started, Interlocked.Increment(ref _sequence)));
        return response;
    }
}
