namespace AzureMlflow.Deploy;

/// <summary>How a batch deployment retries a mini-batch that fails or times out.</summary>
public class BatchRetrySettings
{
    /// <summary>Retries per mini-batch (service default 3).</summary>
    public int? MaxRetries { get; set; }

    /// <summary>How long one mini-batch may take (service default 30 s).</summary>
    public TimeSpan? Timeout { get; set; }
}
