namespace AzureMlflow.Deploy.Emulator.Diagnostics;

/// <summary>Every request the emulator received, in arrival order, so tests can assert what the client sent.</summary>
public sealed class RequestLog
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    /// <summary>A copy of the requests received so far.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    /// <summary>Forgets every recorded request.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    internal void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }
}
