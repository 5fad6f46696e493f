using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>An answer to compare with the recorded one: status, headers and the body text.</summary>
internal sealed record ObservedResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public static async Task<ObservedResponse> ReadAsync(HttpResponseMessage response) => new(
        (int)response.StatusCode,
        response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
        await response.Content.ReadAsStringAsync());
}

/// <summary>
/// What differs between the service's recorded answer and another answer to the same request, one line per difference:
/// the status code; the long-running-operation headers and what they point at (the operation status, the operation
/// result, or the resource itself); the operation status value and keys; the error envelope (top-level code, the codes
/// in <c>details</c> and in an <c>InnerError</c>, the <c>additionalInfo</c> types); and the keys of resource bodies, top
/// level and <c>properties</c>. Values such as ids, times and keys differ by nature and are not compared.
/// </summary>
internal static class ResponseDifferences
{
    private static readonly string[] OperationHeaders = ["Azure-AsyncOperation", "Location", "x-ms-async-operation-timeout"];

    public static List<string> Between(RecordedExchange recorded, string requestPath, ObservedResponse actual)
    {
        var differences = new List<string>();
        void Differ(string what) => differences.Add($"{recorded.Shape}: {what}");

        if (actual.Status != recorded.Status)
        {
            Differ($"status {recorded.Status} was {actual.Status}");
        }
        foreach (string header in OperationHeaders)
        {
            string? expected = recorded.Header(header), sent = actual.Header(header);
            if (expected is null != sent is null)
            {
                Differ(expected is null ? $"header {header} sent ({Target(sent!, requestPath)}) but the service sends none" : $"header {header} missing (the service's names {Target(expected, recorded.Uri.AbsolutePath)})");
            }
            else if (expected is not null && header != "x-ms-async-operation-timeout" && Target(expected, recorded.Uri.AbsolutePath) != Target(sent!, requestPath))
            {
                Differ($"header {header} names {Target(sent!, requestPath)}, the service's names {Target(expected, recorded.Uri.AbsolutePath)}");
            }
        }

        JsonNode? expectedBody = recorded.ResponseBody;
        if (expectedBody is JsonValue literal && literal.ToString() == "null")
        {
            if (actual.Body.Trim() != "null")
            {
                Differ($"body is '{Shorten(actual.Body)}', the service's is the JSON literal null");
            }
            if (!(actual.Header("Content-Type") ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                Differ($"Content-Type '{actual.Header("Content-Type")}', the service's is application/json");
            }
            return differences;
        }
        if (expectedBody is not JsonObject expectedObject)
        {
            return differences;
        }
        JsonObject? got = TryParseObject(actual.Body);
        if (got is null)
        {
            Differ($"body is not a JSON object: '{Shorten(actual.Body)}'");
            return differences;
        }

        if (expectedObject["error"] is JsonObject expectedError)
        {
            if (got["error"] is not JsonObject gotError)
            {
                Differ("no error envelope");
                return differences;
            }
            CompareValue(Differ, "error.code", expectedError["code"], gotError["code"]);
            CompareValue(Differ, "error.details codes", Codes(expectedError["details"]), Codes(gotError["details"]));
            CompareValue(Differ, "error inner codes", InnerCodes(expectedError), InnerCodes(gotError));
            CompareValue(Differ, "error.additionalInfo types", Types(expectedError["additionalInfo"]), Types(gotError["additionalInfo"]));
            return differences;
        }
        if (recorded.IsOperationStatus)
        {
            CompareValue(Differ, "status", expectedObject["status"], got["status"]);
            CompareKeys(Differ, "", expectedObject, got);
            if (expectedObject["percentComplete"] is not null && got["percentComplete"] is not null)
            {
                CompareValue(Differ, "percentComplete", expectedObject["percentComplete"], got["percentComplete"]);
            }
            if (expectedObject["endTime"]?.ToString() is "0001-01-01T00:00:00+00:00" && got["endTime"]?.ToString() is { } endTime && endTime != "0001-01-01T00:00:00+00:00")
            {
                Differ($"endTime {endTime} while running, the service's is 0001-01-01T00:00:00+00:00");
            }
            return differences;
        }
        if (expectedObject["value"] is JsonArray expectedItems)
        {
            CompareKeys(Differ, "", expectedObject, got);
            if (expectedItems.FirstOrDefault() is JsonObject expectedItem && (got["value"] as JsonArray)?.FirstOrDefault() is JsonObject gotItem)
            {
                CompareResource(Differ, "value[]", expectedItem, gotItem);
            }
            return differences;
        }
        CompareResource(Differ, "", expectedObject, got);
        return differences;
    }

    /// <summary>What a URL names: the operation status, the operation result, the requested resource, or another path.</summary>
    private static string Target(string url, string requestPath)
    {
        string path = Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) ? uri.AbsolutePath : url;
        return path.Contains("/mfeOperationsStatus/", StringComparison.OrdinalIgnoreCase) ? "the operation status"
            : path.Contains("/mfeOperationResults/", StringComparison.OrdinalIgnoreCase) ? "the operation result"
            : path.Equals(requestPath, StringComparison.OrdinalIgnoreCase) ? "the resource itself"
            : ArmShapes.Of(path);
    }

    /// <summary>Values whose presence (null or not) says something: scoring URIs appear only once an endpoint is provisioned.</summary>
    private static readonly string[] NullMatters = ["scoringUri", "swaggerUri"];

    private static void CompareResource(Action<string> differ, string prefix, JsonObject expected, JsonObject got)
    {
        CompareKeys(differ, prefix, expected, got);
        if (expected["properties"] is JsonObject expectedProperties && got["properties"] is JsonObject gotProperties)
        {
            string properties = Join(prefix, "properties");
            CompareKeys(differ, properties, expectedProperties, gotProperties);
            foreach (string key in NullMatters.Where(k => expectedProperties.ContainsKey(k) && gotProperties.ContainsKey(k)))
            {
                if (expectedProperties[key] is null != gotProperties[key] is null)
                {
                    differ($"{properties}.{key} is {(gotProperties[key] is null ? "null" : "set")}, the service's is {(expectedProperties[key] is null ? "null" : "set")}");
                }
            }
            // The service's own entries in properties.properties (user entries are the request's, on both sides).
            if (expectedProperties["properties"] is JsonObject expectedBag)
            {
                JsonObject gotBag = gotProperties["properties"] as JsonObject ?? [];
                foreach (string missing in expectedBag.Select(p => p.Key).Where(k => !gotBag.ContainsKey(k)))
                {
                    differ($"key {properties}.properties.{missing} missing");
                }
            }
        }
    }

    private static void CompareKeys(Action<string> differ, string prefix, JsonObject expected, JsonObject got)
    {
        foreach (string missing in expected.Select(p => p.Key).Except(got.Select(p => p.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            differ($"key {Join(prefix, missing)} missing");
        }
        foreach (string extra in got.Select(p => p.Key).Except(expected.Select(p => p.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            differ($"key {Join(prefix, extra)} that the service does not send");
        }
    }

    private static void CompareValue(Action<string> differ, string what, JsonNode? expected, JsonNode? got)
    {
        string e = expected?.ToJsonString() ?? "null", g = got?.ToJsonString() ?? "null";
        bool sameNumber = expected is JsonValue ev && got is JsonValue gv && ev.TryGetValue(out double en) && gv.TryGetValue(out double gn) && en == gn;
        if (e != g && !sameNumber)
        {
            differ($"{what} {g}, the service's is {e}");
        }
    }

    private static JsonArray Codes(JsonNode? details) => [.. (details as JsonArray ?? []).Select(d => (JsonNode?)JsonValue.Create(d?["code"]?.ToString()))];

    /// <summary>The codes of an InnerError in additionalInfo, outermost first (<c>NotFound</c>, <c>EndpointNotFound</c>).</summary>
    private static JsonArray InnerCodes(JsonObject error)
    {
        var codes = new JsonArray();
        JsonNode? inner = (error["additionalInfo"] as JsonArray)?.FirstOrDefault(i => i?["type"]?.ToString() == "InnerError")?["info"]?["value"];
        for (; inner is JsonObject level && level["code"] is not null; inner = level["innerError"])
        {
            codes.Add(level["code"]!.ToString());
        }
        return codes;
    }

    private static JsonArray Types(JsonNode? additionalInfo) => [.. (additionalInfo as JsonArray ?? []).Select(i => (JsonNode?)JsonValue.Create(i?["type"]?.ToString()))];

    private static JsonObject? TryParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : prefix + "." + key;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
