using Azure.Core;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Scoring;

namespace AzureMlflow.Deploy;

/// <summary>
/// Options of <see cref="ScoringClient"/> (and of <see cref="OnlineEndpointOperations.InvokeAsync(string, ScoringPayload, string, CancellationToken)"/>).
/// Transport, diagnostics and logging come from Azure.Core's <see cref="ClientOptions"/>; Azure.Core's own retry policy is
/// replaced on this path (<see cref="ClientOptions.RetryPolicy"/>) because the retries here (Polly) understand scoring.
/// </summary>
public class ScoringClientOptions : ClientOptions
{
    /// <summary>Creates options with the defaults below.</summary>
    public ScoringClientOptions()
    {
        Retry.MaxRetries = 0;
        RetryPolicy = PassThroughRetryPolicy.Instance;
    }

    /// <summary>The body format: Azure ML's <c>input_data</c> envelope (default) or <c>mlflow models serve</c>.</summary>
    public PayloadFormat Format { get; set; } = PayloadFormat.AzureML;

    /// <summary>
    /// How many times a call is retried after 429, 503, 502, 504, a connection failure or an attempt timeout. Scoring an
    /// MLflow model is a pure function of its input, so repeating a request is safe; set 0 if your model has side effects.
    /// 400, 401 (after one credential refresh), 404, 408 and 424 are never retried: repeating them cannot succeed.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay (doubling, with jitter) when the service gives no <c>Retry-After</c>; a <c>Retry-After</c> is always honoured.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The limit for one attempt: for its answer to start, and then between reads of the answer's body (the service's own
    /// request timeout is 5 s by default; allow for queueing). The same setting as Azure.Core's
    /// <see cref="RetryOptions.NetworkTimeout"/>, which enforces it; 100 s by default.
    /// </summary>
    public TimeSpan AttemptTimeout
    {
        get => Retry.NetworkTimeout;
        set => Retry.NetworkTimeout = value;
    }

    /// <summary>The limit for the whole call, retries and delays included; null for none.</summary>
    public TimeSpan? OverallTimeout { get; set; }

    /// <summary>
    /// Opens a circuit after repeated failures so a struggling deployment is not hammered: calls then fail fast with
    /// <c>Polly.CircuitBreaker.BrokenCircuitException</c> for <see cref="CircuitBreakDuration"/>. Off by default.
    /// </summary>
    public bool EnableCircuitBreaker { get; set; }

    /// <summary>The share of failed calls (over at least 10 in 30 s) that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>How long an open circuit stays open.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The Microsoft Entra ID scope of scoring tokens: <c>aad_token</c> online endpoints (scoring and
    /// <see cref="OnlineEndpointOperations.GetKeys"/>) and batch endpoints' jobs API. The one setting for both paths:
    /// <c>MLClientOptions.Scoring.AuthenticationScope</c> on an <see cref="MLClient"/>, or on a standalone <see cref="ScoringClient"/>.
    /// </summary>
    public string AuthenticationScope { get; set; } = "https://ml.azure.com/.default";
}
