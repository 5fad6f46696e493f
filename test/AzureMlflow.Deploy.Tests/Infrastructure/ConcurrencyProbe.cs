namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>
/// An HTTP handler that counts how many requests matching a filter are in flight at once, for asserting that parallel
/// work really runs in parallel and never beyond its bound.
/// </summary>
internal sealed class ConcurrencyProbe(HttpMessageHandler inner, Func<HttpRequestMessage, bool> counts) : DelegatingHandler(inner)
{
    private int _inFlight;
    private int _max;
    private int _total;

    public int MaxInFlight => Volatile.Read(ref _max);

    public int Total => Volatile.Read(ref _total);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!counts(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        Interlocked.Increment(ref _total);
        int now = Interlocked.Increment(ref _inFlight);
        for (int seen = Volatile.Read(ref _max); now > seen && Interlocked.CompareExchange(ref _max, now, seen) != seen; seen = Volatile.Read(ref _max))
        {
        }
        try
        {
            await Task.Delay(50, cancellationToken); // hold each request long enough for its siblings to overlap
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
