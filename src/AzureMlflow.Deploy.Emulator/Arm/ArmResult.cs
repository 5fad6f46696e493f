using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>An ARM response: a status code, optional JSON body and extra headers.</summary>
internal sealed class ArmResult(int statusCode, JsonNode? body = null) : IResult
{
    // The service writes '+' and non-ASCII characters literally; so does the emulator.
    private static readonly JsonSerializerOptions Written = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int StatusCode { get; } = statusCode;
    public JsonNode? Body { get; } = body;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ArmResult Ok(JsonNode body) => new(200, body);

    public static ArmResult Error(int statusCode, ServiceError error) => new(statusCode, error.ToEnvelope());

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
        if (Body is not null)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(Body.ToJsonString(Written), Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
