using System.Globalization;
using System.Net.Http;
using Azure;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>
/// The resilience pipeline of the scoring path (Polly v8): overall timeout, retry of transient failures honouring
/// <c>Retry-After</c> and an optional circuit breaker. The per-attempt timeout is Azure.Core's network timeout, which the
/// HTTP pipeline enforces on every request anyway (a second timer per call would only cost). ARM calls never go through
/// this pipeline; they use Azure.Core's retry policy only.
/// </summary>
internal sealed class ScoringResilience
{
    private ScoringResilience(ResiliencePipeline<Response> pipeline, bool seesEveryAttempt)
    {
        Pipeline = pipeline;
        SeesEveryAttempt = seesEveryAttempt;
    }

    /// <summary>The Polly pipeline.</summary>
    public ResiliencePipeline<Response> Pipeline { get; }

    /// <summary>
    /// Whether every attempt must run inside <see cref="Pipeline"/>: an overall timeout must time the first attempt too,
    /// and a circuit breaker must count its successes. Otherwise a first attempt can go out on its own, and the pipeline
    /// is only needed when it fails transiently.
    /// </summary>
    public bool SeesEveryAttempt { get; }

    public static ScoringResilience Create(ScoringClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<Response>();
        if (options.OverallTimeout is { } overall)
        {
            builder.AddTimeout(overall);
        }
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Response>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } response ? RetryAfter(response) : null),
            });
        }
        if (options.EnableCircuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<Response>
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.CircuitBreakDuration,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome, args.Context.CancellationToken)),
            });
        }
        return new ScoringResilience(builder.Build(), options.OverallTimeout is not null || options.EnableCircuitBreaker);
    }

    /// <summary>Failures that another attempt can cure: throttling, a busy or unreachable deployment, a lost connection, a slow attempt.</summary>
    public static bool IsTransient(Outcome<Response> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested, // the attempt timed out, the caller did not cancel
        { Exception: RequestFailedException { Status: 0 } } => true, // connection failures surface from the transport with status 0
        { Exception: HttpRequestException or IOException } => true,
        { Result: { Status: 429 or 502 or 503 or 504 } } => true,
        _ => false,
    };

    /// <summary><c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> or <c>Retry-After</c> (seconds or HTTP date), or null to use the backoff.</summary>
    private static TimeSpan? RetryAfter(Response response)
    {
        foreach (string header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(header, out string? ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double milliseconds))
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }
        if (response.Headers.TryGetValue("Retry-After", out string? value))
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
            {
                return at > DateTimeOffset.UtcNow ? at - DateTimeOffset.UtcNow : TimeSpan.Zero;
            }
        }
        return null;
    }
}
