namespace AzureMlflow.Deploy;

/// <summary>A liveness or readiness probe of a deployment's inference server. Null values keep the service defaults.</summary>
public class ProbeSettings
{
    /// <summary>Consecutive failures before the container is restarted or marked unready (service default 30).</summary>
    public int? FailureThreshold { get; set; }

    /// <summary>Consecutive successes before the container counts as healthy (service default 1).</summary>
    public int? SuccessThreshold { get; set; }

    /// <summary>How long one probe may take (service default 2 s).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Time between probes (service default 10 s).</summary>
    public TimeSpan? Period { get; set; }

    /// <summary>Delay before the first probe (service default 10 s).</summary>
    public TimeSpan? InitialDelay { get; set; }
}
