using System.Globalization;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Faults;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Hosting;

/// <summary>Applies the faults queued in <see cref="FaultInjector"/> before the request reaches the workspace.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        FaultRule? fault = faults.Take(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.Headers.UserAgent.ToString());
        switch (fault?.Kind)
        {
            case null:
                await next(context);
                return;
            case FaultKind.Delay:
                await Task.Delay(fault.Delay, context.RequestAborted);
                await next(context);
                return;
            case FaultKind.OmitAsyncOperationHeader or FaultKind.OmitOperationHeaders:
                FaultKind kind = fault.Kind;
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.Remove("Azure-AsyncOperation");
                    if (kind == FaultKind.OmitOperationHeaders)
                    {
                        context.Response.Headers.Remove("Location");
                    }
                    return Task.CompletedTask;
                });
                await next(context);
                return;
            case FaultKind.DropAfterHandling:
                Stream original = context.Response.Body;
                context.Response.Body = Stream.Null;
                await next(context);
                context.Response.Body = original;
                context.Items[RequestRecorder.DroppedKey] = true;
                context.Abort();
                return;
            case FaultKind.DropConnection:
                context.Items[RequestRecorder.DroppedKey] = true;
                context.Abort();
                return;
            default:
                var result = ArmResult.Error(fault.StatusCode, new ServiceError(
                    fault.StatusCode == 429 ? "TooManyRequests" : "InternalServerError",
                    $"Injected fault: status {fault.StatusCode}."));
                if (fault.RetryAfter is { } retryAfter)
                {
                    result.WithHeader("Retry-After", fault.RetryAfterAsHttpDate
                        ? RetryAfterDate(retryAfter).ToString("R", CultureInfo.InvariantCulture)
                        : ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
                }
                await result.ExecuteAsync(context);
                return;
        }
    }

    /// <summary>
    /// The time <paramref name="retryAfter"/> from now, rounded up to a whole second: an HTTP date has no fractions, and
    /// rounding down would ask the client to wait less than the rule says.
    /// </summary>
    private static DateTimeOffset RetryAfterDate(TimeSpan retryAfter)
    {
        long due = DateTimeOffset.UtcNow.Add(retryAfter).UtcTicks;
        return new DateTimeOffset((due + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
