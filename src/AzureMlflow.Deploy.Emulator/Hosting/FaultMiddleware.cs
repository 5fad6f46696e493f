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
        FaultRule? fault = faults.Take(context.Request.Method, context.Request.Path.Value ?? "/");
        switch (fault?.Kind)
        {
            case null:
                await next(context);
                return;
            case FaultKind.Delay:
                await Task.Delay(fault.Delay, context.RequestAborted);
                await next(context);
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
                        ? DateTimeOffset.UtcNow.Add(retryAfter).ToString("R", CultureInfo.InvariantCulture)
                        : ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
                }
                await result.ExecuteAsync(context);
                return;
        }
    }
}
