using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>
/// Where a request body differs from the one the service received: keys missing or extra and values that differ, by
/// JSON path (numbers compared by value, object keys in any order), one line each.
/// </summary>
internal static class BodyDifferences
{
    public static IEnumerable<string> Between(RecordedExchange recorded, string sent)
    {
        JsonNode? expected = recorded.RequestBody;
        JsonNode? actual = string.IsNullOrWhiteSpace(sent) ? null : TryParse(sent);
        var lines = new List<string>();
        Compare(expected, actual, "body", line => lines.Add($"{recorded.Shape}: {line}"));
        return lines;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, Action<string> differ)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach ((string key, JsonNode? value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        differ($"{path}.{key} missing (the service received {Show(value)})");
                    }
                    else
                    {
                        Compare(value, a[key], $"{path}.{key}", differ);
                    }
                }
                foreach ((string key, JsonNode? value) in a.Where(p => !e.ContainsKey(p.Key)))
                {
                    differ($"{path}.{key} sent ({Show(value)}) where the service received none");
                }
                return;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (int i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differ);
                }
                return;
            case (JsonValue e, JsonValue a) when e.TryGetValue(out double en) && a.TryGetValue(out double an) && en == an:
                return;
            default:
                if (expected?.ToJsonString() != actual?.ToJsonString())
                {
                    differ($"{path} is {Show(actual)}, the service received {Show(expected)}");
                }
                return;
        }
    }

    private static string Show(JsonNode? value)
    {
        string text = value?.ToJsonString() ?? "nothing";
        return text.Length <= 80 ? text : text[..80] + "...";
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
