using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>An ARM response: a status code, optional JSON body and extra headers.</summary>
internal sealed class ArmResult(int statusCode, JsonNode? body = null) : IResult
{
    private ServiceError? _error;
    private bool _nullBody;

    // The service writes '+' and non-ASCII characters literally; so does the emulator.
    private static readonly JsonSerializerOptions Written = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int StatusCode { get; } = statusCode;
    public JsonNode? Body { get; } = body;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ArmResult Ok(JsonNode body) => new(200, body);

    /// <summary>The ARM error envelope, with the <c>additionalInfo</c> the service's front end adds (region, correlation, time).</summary>
    public static ArmResult Error(int statusCode, ServiceError error) => new(statusCode) { _error = error };

    /// <summary>A body that is the JSON literal <c>null</c>, as the service answers an accepted delete.</summary>
    public static ArmResult NullBody(int statusCode) => new(statusCode) { _nullBody = true };

    public ArmResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach ((string name, string value) in Headers)
        {
            response.Headers[name] = value;
        }
        response.Headers["x-ms-request-id"] = httpContext.TraceIdentifier;
        JsonNode? body = _error is null ? Body : _error.ToEnvelope(new ErrorContext(
            httpContext.RequestServices.GetService<EmulatorOptions>()?.Location ?? "eastus",
            Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N")[..16], DateTimeOffset.UtcNow));
        if (body is not null || _nullBody)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(body?.ToJsonString(Written) ?? "null", Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
