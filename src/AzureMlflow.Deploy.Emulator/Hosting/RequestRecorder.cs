using AzureMlflow.Deploy.Emulator.Diagnostics;

namespace AzureMlflow.Deploy.Emulator.Hosting;

/// <summary>Outermost middleware: records every request with its body and the status it got (0 when the connection was dropped).</summary>
internal sealed class RequestRecorder(RequestDelegate next, RequestLog log, TimeProvider clock)
{
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
        try
        {
            await next(context);
        }
        finally
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            int status = context.Items.ContainsKey(DroppedKey) ? 0 : context.Response.StatusCode;
            log.Add(new RecordedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, headers, body, status, receivedAt));
        }
    }
}
