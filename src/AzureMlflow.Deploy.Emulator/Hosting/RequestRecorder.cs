using AzureMlflow.Deploy.Emulator.Diagnostics;

namespace AzureMlflow.Deploy.Emulator.Hosting;

/// <summary>
/// Outermost middleware: records every request with its body on arrival, and the status it got just before the response
/// starts, so the record is complete by the time the client reads the answer (0 when the connection was dropped).
/// </summary>
internal sealed class RequestRecorder(RequestDelegate next, RequestLog log, TimeProvider clock)
{
    /// <summary>Set by the fault middleware when it aborts the connection: Kestrel may still run OnStarting afterwards.</summary>
    public const string DroppedKey = "emulator.dropped";

    public async Task InvokeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        DateTimeOffset receivedAt = clock.GetUtcNow();
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        request.Body.Position = 0;

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        RequestLog.Entry entry = log.Add(new RecordedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, headers, body, 0, receivedAt));
        context.Response.OnStarting(() =>
        {
            if (!context.Items.ContainsKey(DroppedKey))
            {
                entry.StatusCode = context.Response.StatusCode;
            }
            return Task.CompletedTask;
        });
        await next(context);
    }
}
