namespace AzureMlflow.Deploy;

/// <summary>How a deployment queues and times out scoring requests. Null values keep the service defaults.</summary>
public class OnlineRequestSettings
{
    /// <summary>How long a scoring request may run (service default 5 s). Sent as an ISO-8601 duration, sub-second precision kept.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>Concurrent requests each instance serves (service default 1).</summary>
    public int? MaxConcurrentRequestsPerInstance { get; set; }

    /// <summary>How long a request may wait in the queue (service default 500 ms).</summary>
    public TimeSpan? MaxQueueWait { get; set; }
}
