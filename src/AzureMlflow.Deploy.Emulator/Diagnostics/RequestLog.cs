namespace AzureMlflow.Deploy.Emulator.Diagnostics;

/// <summary>Every request the emulator received, in arrival order, so tests can assert what the client sent.</summary>
public sealed class RequestLog
{
    private readonly List<Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>A copy of the requests received so far, each with the status it was answered with.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Select(e => e.Request.WithStatus(e.StatusCode))];
        }
    }

    /// <summary>Forgets every recorded request.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>
    /// Records a request as it arrives (so it is visible before the client sees the answer); the returned entry takes
    /// the status code when the response starts, and keeps 0 if the connection is dropped instead.
    /// </summary>
    internal Entry Add(RecordedRequest request)
    {
        var entry = new Entry(request);
        lock (_gate)
        {
            _entries.Add(entry);
        }
        return entry;
    }

    internal sealed class Entry(RecordedRequest request)
    {
        public RecordedRequest Request { get; } = request;

        public int StatusCode { get; set; }
    }
}
