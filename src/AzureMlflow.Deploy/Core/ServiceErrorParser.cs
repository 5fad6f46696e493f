using System.Text.Json;
using Azure;
using Azure.Core;

namespace AzureMlflow.Deploy.Core;

/// <summary>
/// Reads Azure ML's error envelope so that <see cref="RequestFailedException.ErrorCode"/> is the specific code callers
/// branch on. The service puts a generic code at the top (<c>UserError</c> for every 404 and 400) and the specific one
/// either in <c>error.details[].code</c> (<c>ModelNotFound</c>, <c>NoSuchModelRegistered</c>) or in an <c>InnerError</c>
/// entry of <c>error.additionalInfo</c> (<c>NotFound</c>, then <c>EndpointNotFound</c>). ErrorCode is the first detail's
/// code, else the innermost inner-error code, else the top-level code; the exception's <c>Data["ErrorCodes"]</c> (and
/// its message) keep the whole chain, such as <c>UserError &gt; NotFound &gt; EndpointNotFound</c>.
/// </summary>
internal sealed class ServiceErrorParser : RequestFailedDetailsParser
{
    public const string ErrorCodesKey = "ErrorCodes";

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        error = null;
        data = null;
        try
        {
            if (response.ContentStream is null || response.Content.ToMemory().Length == 0)
            {
                return false;
            }
            using JsonDocument document = JsonDocument.Parse(response.Content.ToMemory());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out JsonElement envelope) || envelope.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            string? top = String(envelope, "code");
            string? message = String(envelope, "message");
            var chain = new List<string>();
            if (top is not null)
            {
                chain.Add(top);
            }
            string? detail = FirstDetailCode(envelope);
            List<string> inner = InnerCodes(envelope);
            chain.AddRange(inner);
            if (detail is not null)
            {
                chain.Add(detail);
            }
            string? specific = detail ?? inner.LastOrDefault() ?? top;
            error = new ResponseError(specific, message);
            if (chain.Count > 1)
            {
                data = new Dictionary<string, string> { [ErrorCodesKey] = string.Join(" > ", chain.Distinct(StringComparer.Ordinal)) };
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? FirstDetailCode(JsonElement envelope)
    {
        if (envelope.TryGetProperty("details", out JsonElement details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in details.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && String(item, "code") is { Length: > 0 } code)
                {
                    return code;
                }
            }
        }
        return null;
    }

    /// <summary>The codes of the <c>InnerError</c> entry of <c>additionalInfo</c>, outermost first.</summary>
    private static List<string> InnerCodes(JsonElement envelope)
    {
        var codes = new List<string>();
        if (!envelope.TryGetProperty("additionalInfo", out JsonElement infos) || infos.ValueKind != JsonValueKind.Array)
        {
            return codes;
        }
        foreach (JsonElement info in infos.EnumerateArray())
        {
            if (info.ValueKind != JsonValueKind.Object || String(info, "type") != "InnerError"
                || !info.TryGetProperty("info", out JsonElement content) || content.ValueKind != JsonValueKind.Object
                || !content.TryGetProperty("value", out JsonElement level))
            {
                continue;
            }
            for (int depth = 0; depth < 16 && level.ValueKind == JsonValueKind.Object && String(level, "code") is { } code; depth++)
            {
                codes.Add(code);
                if (!level.TryGetProperty("innerError", out level))
                {
                    break;
                }
            }
            break;
        }
        return codes;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
