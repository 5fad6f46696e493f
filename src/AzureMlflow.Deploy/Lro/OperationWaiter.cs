using System.Globalization;
using Azure;

namespace AzureMlflow.Deploy.Lro;

/// <summary>
/// The polling loop behind every <c>WaitForCompletion</c>. Azure.Core's own poller never polls faster than once a second,
/// which would make sub-second intervals (and fast emulator-backed tests) impossible, so the loop is ours: sleep for the
/// polling interval or the service's longer <c>Retry-After</c> (the first time, the one on the response that started the
/// operation, as Python's poller does), poll, and stop when done. A rehydrated operation has no such response and polls
/// at once.
/// </summary>
internal static class OperationWaiter
{
    public static async ValueTask<Response> WaitAsync(Operation operation, TimeSpan pollingInterval, bool async, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pollingInterval, TimeSpan.Zero, nameof(pollingInterval));
        Response? last = LastResponse(operation);
        while (!operation.HasCompleted)
        {
            if (last is not null)
            {
                TimeSpan delay = Max(pollingInterval, ServerDelay(last));
                if (async)
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                else if (cancellationToken.WaitHandle.WaitOne(delay))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            last = async
                ? await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false)
                : operation.UpdateStatus(cancellationToken);
        }
        return operation.GetRawResponse();
    }

    /// <summary>The response the operation was last seen with, or null for a rehydrated one not polled yet.</summary>
    private static Response? LastResponse(Operation operation)
    {
        try
        {
            return operation.GetRawResponse();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The delay the service asked for: <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>, or <c>Retry-After</c> (seconds or HTTP date).</summary>
    internal static TimeSpan ServerDelay(Response response)
    {
        if (TryMilliseconds(response, "retry-after-ms", out TimeSpan delay) || TryMilliseconds(response, "x-ms-retry-after-ms", out delay))
        {
            return delay;
        }
        if (response.Headers.TryGetValue("Retry-After", out string? retryAfter))
        {
            if (int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
            {
                return Max(TimeSpan.Zero, at - DateTimeOffset.UtcNow);
            }
        }
        return TimeSpan.Zero;
    }

    private static bool TryMilliseconds(Response response, string header, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (response.Headers.TryGetValue(header, out string? value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && ms >= 0)
        {
            delay = TimeSpan.FromMilliseconds(ms);
            return true;
        }
        return false;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
