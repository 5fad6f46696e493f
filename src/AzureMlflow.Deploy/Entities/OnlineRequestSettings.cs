namespace AzureMlflow.Deploy;

/// <summary>How a deployment queues and times out scoring requests. Null values keep the service defaults.</summary>
public class OnlineRequestSettings
{
    /// <summary>How long a scoring request may run (service default 5 s). Sent as an ISO-8601 duration, sub-second precision kept.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>Concurrent requests each instance serves (service default 1).</summary>
    public int? MaxConcurrentRequestsPerInstance { get; set; }

    /// <summary>
    /// How long a request may wait in the queue (service default 500 ms). Kubernetes deployments only: the service
    /// deprecated it for managed online deployments, so it is read from them but not sent (raise
    /// <see cref="RequestTimeout"/> to allow for queueing; setting it logs a warning).
    /// </summary>
    public TimeSpan? MaxQueueWait { get; set; }

    /// <summary>What the service said when the settings were read, to tell a value the caller set from one read back.</summary>
    internal TimeSpan? ServiceMaxQueueWait { get; set; }
}
