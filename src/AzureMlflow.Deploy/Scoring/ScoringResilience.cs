using System.Globalization;
using System.Net.Http;
using Azure;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>
/// The resilience pipeline of the scoring path (Polly v8): overall timeout, retry of transient failures honouring
/// <c>Retry-After</c>, an optional circuit breaker, and a per-attempt timeout. ARM calls never go through it; they use
/// Azure.Core's retry policy only.
/// </summary>
internal static class ScoringResilience
{
    public static ResiliencePipeline<Response> Build(ScoringClientOptions options)
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
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
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
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
            });
        }
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Failures that another attempt can cure: throttling, a busy or unreachable deployment, a lost connection, a slow attempt.</summary>
    private static bool IsTransient(Outcome<Response> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => true,
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
