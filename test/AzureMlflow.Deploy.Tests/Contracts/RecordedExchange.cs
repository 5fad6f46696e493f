using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>One request the real service received and what it answered, from a test-proxy recording (<c>Recordings/</c>).</summary>
internal sealed record RecordedExchange(int Index, string Method, Uri Uri, JsonNode? RequestBody, int Status, IReadOnlyDictionary<string, string> ResponseHeaders, JsonNode? ResponseBody)
{
    /// <summary>A request to Azure Resource Manager (not to blob storage or a scoring URI).</summary>
    public bool IsArm => Uri.AbsolutePath.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase);

    public bool IsOperationStatus => Uri.AbsolutePath.Contains("/mfeOperationsStatus/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The operation's name (<c>oeidp:{workspace}:{guid}</c>) for a status request.</summary>
    public string OperationName => Uri.AbsolutePath[(Uri.AbsolutePath.LastIndexOf('/') + 1)..];

    /// <summary>The path and query without the signature parameters the service adds to operation URLs (t, c, s, h).</summary>
    public string PathAndQuery => Uri.AbsolutePath + Queries.Without(Uri.Query, "t", "c", "s", "h");

    public string? Header(string name) => ResponseHeaders.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// The request with names replaced by what they name, and its api-version, for messages:
    /// <c>PUT workspace/onlineEndpoints/{endpoint}/deployments/{deployment} (2023-04-01-preview)</c>.
    /// </summary>
    public string Shape => $"{Method} {ArmShapes.Of(Uri.AbsolutePath)}" + (ApiVersion is { } version ? $" ({version})" : "");

    public string? ApiVersion => System.Web.HttpUtility.ParseQueryString(Uri.Query)["api-version"];

    /// <summary>The path and query with the recorded subscription, resource group and workspace replaced by <paramref name="workspaceId"/>'s.</summary>
    public string PathAndQueryIn(string workspaceId)
    {
        string[] target = workspaceId.Split('/');
        string[] parts = PathAndQuery.Split('/');
        if (parts.Length > 2 && parts[1].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            parts[2] = target[2];
            if (parts.Length > 8 && parts[3].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase) && parts[7].Equals("workspaces", StringComparison.OrdinalIgnoreCase))
            {
                parts[4] = target[4];
                parts[8] = parts[8].Contains('?', StringComparison.Ordinal) ? target[8] + parts[8][parts[8].IndexOf('?', StringComparison.Ordinal)..] : target[8];
            }
        }
        return string.Join('/', parts);
    }
}

/// <summary>Reads the recordings in <c>test/AzureMlflow.Deploy.Tests/Contracts/Recordings</c>.</summary>
internal static class ServiceRecordings
{
    public static string Folder => RepositoryPaths.Combine("test", "AzureMlflow.Deploy.Tests", "Contracts", "Recordings");

    /// <summary>The scenario names (file names without <c>.json</c>).</summary>
    public static IEnumerable<string> Scenarios() =>
        Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    /// <summary>The subscription, resource group and workspace of the first workspace request among <paramref name="exchanges"/>.</summary>
    public static (string Subscription, string ResourceGroup, string Workspace) WorkspaceOf(IEnumerable<RecordedExchange> exchanges)
    {
        string[] parts = exchanges.First(e => e.IsArm && e.Uri.AbsolutePath.Contains("/workspaces/", StringComparison.OrdinalIgnoreCase)).Uri.AbsolutePath.Split('/');
        return (parts[2], parts[4], parts[8]);
    }

    public static IReadOnlyList<RecordedExchange> Load(string scenario)
    {
        JsonArray entries = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, scenario + ".json")))!["Entries"]!.AsArray();
        return [.. entries.Select((e, i) => new RecordedExchange(
            i + 1,
            e!["RequestMethod"]!.GetValue<string>(),
            new Uri(e["RequestUri"]!.GetValue<string>()),
            Body(e["RequestBody"]),
            e["StatusCode"]!.GetValue<int>(),
            e["ResponseHeaders"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.ToString(), StringComparer.OrdinalIgnoreCase),
            Body(e["ResponseBody"])))];
    }

    /// <summary>The test proxy stores JSON bodies as JSON and other bodies as strings; "null" is the JSON literal the service sent.</summary>
    private static JsonNode? Body(JsonNode? stored) => stored is JsonValue value && value.TryGetValue(out string? text)
        ? text == "null" ? JsonValue.Create("null") : (text.StartsWith('{') || text.StartsWith('[') ? JsonNode.Parse(text) : value.DeepClone())
        : stored?.DeepClone();
}

/// <summary>ARM paths with their names replaced by placeholders, so messages and allowlist entries read the same across recordings.</summary>
internal static class ArmShapes
{
    private static readonly (string Segment, string Placeholder)[] Named =
    [
        ("onlineEndpoints", "{endpoint}"), ("batchEndpoints", "{endpoint}"), ("deployments", "{deployment}"), ("models", "{model}"),
        ("versions", "{version}"), ("datastores", "{datastore}"), ("jobs", "{job}"), ("codes", "{code}"), ("environments", "{environment}"),
    ];

    public static string Of(string path)
    {
        string[] parts = path.Trim('/').Split('/');
        int workspace = Array.FindIndex(parts, p => p.Equals("workspaces", StringComparison.OrdinalIgnoreCase));
        if (workspace < 0)
        {
            return path.Contains("/mfeOperationsStatus/", StringComparison.OrdinalIgnoreCase) ? "operationStatus"
                : path.Contains("/mfeOperationResults/", StringComparison.OrdinalIgnoreCase) ? "operationResult" : path;
        }
        var shape = new List<string> { "workspace" };
        for (int i = workspace + 2; i < parts.Length; i++)
        {
            shape.Add(parts[i]);
            if (i + 1 < parts.Length && Named.FirstOrDefault(n => n.Segment == parts[i]).Placeholder is { } placeholder)
            {
                shape.Add(placeholder);
                i++;
            }
        }
        return string.Join('/', shape);
    }
}

internal static class Queries
{
    /// <summary>A query string (with its '?') without the named parameters.</summary>
    public static string Without(string query, params string[] names)
    {
        string[] kept = [.. query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !names.Contains(p.Split('=')[0], StringComparer.OrdinalIgnoreCase))];
        return kept.Length == 0 ? string.Empty : "?" + string.Join('&', kept);
    }
}
