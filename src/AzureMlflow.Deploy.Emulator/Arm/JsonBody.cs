using System.Text.Json;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>Reads request bodies and fields the way the service does: case-sensitive camelCase JSON, clear 400s otherwise.</summary>
internal static class JsonBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, bool optional = false)
    {
        using var reader = new StreamReader(request.Body);
        string text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return optional ? [] : throw ServiceException.BadRequest("The request content was null or empty.");
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw ServiceException.BadRequest("The request content must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ServiceException(400, new ServiceError("InvalidRequestContent", $"The request content was invalid and could not be deserialized: {ex.Message}"));
        }
    }

    public static JsonObject Object(JsonObject parent, string name) =>
        parent[name] as JsonObject ?? (JsonObject)(parent[name] = new JsonObject());

    public static string? String(JsonObject? parent, string name)
    {
        JsonNode? node = parent?[name];
        if (node is null)
        {
            return null;
        }
        return node.GetValueKind() == JsonValueKind.String
            ? node.GetValue<string>()
            : throw ServiceException.BadRequest($"'{name}' must be a string.", name);
    }

    public static int? Int(JsonObject? parent, string name)
    {
        JsonNode? node = parent?[name];
        if (node is null)
        {
            return null;
        }
        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out int value)
            ? value
            : throw ServiceException.BadRequest($"'{name}' must be an integer.", name);
    }

    /// <summary>A string-to-int map such as <c>traffic</c>; absent means empty.</summary>
    public static Dictionary<string, int> IntMap(JsonObject parent, string name)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        JsonNode? node = parent[name];
        if (node is null)
        {
            return map;
        }
        if (node is not JsonObject obj)
        {
            throw ServiceException.BadRequest($"'{name}' must be an object of deployment names to percentages.", name);
        }
        foreach ((string key, JsonNode? value) in obj)
        {
            map[key] = value is not null && value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue(out int percent)
                ? percent
                : throw ServiceException.BadRequest($"The {name} value of deployment '{key}' must be an integer.", name);
        }
        return map;
    }
}
