using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Emulator.Diagnostics;

namespace AzureMlflow.Deploy.Tests.Conformance.Differential;

/// <summary>One request as the comparison sees it: what was asked of which resource, with what, framed how.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Shape">The path with the workspace, operation ids and job names replaced by placeholders.</param>
/// <param name="Query">The query parameters other than api-version.</param>
/// <param name="ApiVersion">The api-version, or empty.</param>
/// <param name="Leaves">The JSON body flattened to leaf paths and values (volatile values replaced), or <c>(text)</c>.</param>
/// <param name="Framing"><c>length</c>, <c>chunked</c> or <c>none</c> (no body).</param>
/// <param name="ContentType">The body's media type, or empty.</param>
internal sealed record Exchange(string Method, string Shape, IReadOnlyDictionary<string, string> Query, string ApiVersion,
    IReadOnlyDictionary<string, string> Leaves, string Framing, string ContentType)
{
    public string Key => $"{Method} {Shape}";
}

/// <summary>
/// Compares what two clients sent for the same step: the requests and their order (an LCS over method and path, so
/// one extra request shows as one difference, not as every request after it), then, request by request, the query,
/// the api-version, the body leaf by leaf, its framing and content type. Consecutive polls of one operation count once:
/// how often a client polls depends on its interval, not on what it asks.
/// </summary>
internal static partial class ExchangeComparison
{
    [GeneratedRegex(@"/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.MachineLearningServices/workspaces/[^/]+", RegexOptions.IgnoreCase)]
    private static partial Regex WorkspacePath();

    [GeneratedRegex(@"^/subscriptions/[^/]+/providers/Microsoft\.MachineLearningServices", RegexOptions.IgnoreCase)]
    private static partial Regex SubscriptionPath();

    [GeneratedRegex(@"(mfeOperationsStatus|mfeOperationResults)/[^/?]+")]
    private static partial Regex OperationId();

    [GeneratedRegex(@"batchjob-[0-9a-f-]{36}")]
    private static partial Regex JobName();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"https://127\.0\.0\.1:\d+|\b[0-9a-f]{32}\b|api-version=[\w.-]+")]
    private static partial Regex PerEmulator();

    /// <summary>Body fields that hold keys or tokens: compared by presence, never written into a difference.</summary>
    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase) { "keyValue", "primaryKey", "secondaryKey", "key", "sasToken", "accessToken", "password" };

    public static Exchange Canonical(RecordedRequest request)
    {
        string shape = OperationId().Replace(JobName().Replace(SubscriptionPath().Replace(WorkspacePath().Replace(request.Path, "{ws}"), "{sub}"), "{job}"), "$1/{operation}");
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string apiVersion = string.Empty;
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Query))
        {
            if (name.Equals("api-version", StringComparison.OrdinalIgnoreCase))
            {
                apiVersion = value.ToString();
            }
            else
            {
                query[name] = Volatile(value.ToString());
            }
        }
        string framing = request.Body.Length == 0 && !request.Headers.ContainsKey("Content-Length") ? "none"
            : request.Headers.TryGetValue("Transfer-Encoding", out string? encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase) ? "chunked"
            : request.Headers.ContainsKey("Content-Length") && request.Body.Length > 0 ? "length" : "none";
        string contentType = request.Headers.TryGetValue("Content-Type", out string? type) && request.Body.Length > 0 ? type.Split(';')[0].Trim().ToLowerInvariant() : string.Empty;
        return new Exchange(request.Method, shape, query, apiVersion, Leaves(request.Body), framing, contentType);
    }

    /// <summary>Every difference between the two clients' requests for one step, one line each.</summary>
    public static List<string> Compare(string step, IReadOnlyList<Exchange> python, IReadOnlyList<Exchange> sdk)
    {
        List<Exchange> left = CollapsePolls(python);
        List<Exchange> right = CollapsePolls(sdk);
        var differences = new List<string>();
        foreach ((Exchange? p, Exchange? s) in Align(left, right))
        {
            if (s is null)
            {
                differences.Add($"{step}: only Python sends {p!.Key}");
            }
            else if (p is null)
            {
                differences.Add($"{step}: only the SDK sends {s.Key}");
            }
            else
            {
                differences.AddRange(Details(step, p, s));
            }
        }
        return differences;
    }

    private static IEnumerable<string> Details(string step, Exchange python, Exchange sdk)
    {
        string at = $"{step}: {python.Key}";
        if (python.ApiVersion != sdk.ApiVersion)
        {
            yield return $"{at}: api-version: Python {python.ApiVersion}, SDK {sdk.ApiVersion}";
        }
        foreach (string name in python.Query.Keys.Union(sdk.Query.Keys).Order(StringComparer.Ordinal))
        {
            string p = python.Query.GetValueOrDefault(name) ?? "absent";
            string s = sdk.Query.GetValueOrDefault(name) ?? "absent";
            if (p != s)
            {
                yield return $"{at}: query {name}: Python {p}, SDK {s}";
            }
        }
        foreach (string leaf in python.Leaves.Keys.Union(sdk.Leaves.Keys).Order(StringComparer.Ordinal))
        {
            string p = python.Leaves.GetValueOrDefault(leaf) ?? "absent";
            string s = sdk.Leaves.GetValueOrDefault(leaf) ?? "absent";
            if (p != s)
            {
                yield return $"{at}: body {leaf}: Python {p}, SDK {s}";
            }
        }
        if (python.Framing != sdk.Framing)
        {
            yield return $"{at}: framing: Python {python.Framing}, SDK {sdk.Framing}";
        }
        if (python.ContentType != sdk.ContentType)
        {
            yield return $"{at}: content type: Python {python.ContentType}, SDK {sdk.ContentType}";
        }
    }

    /// <summary>Repeated polls of the same operation (status or result) become one.</summary>
    private static List<Exchange> CollapsePolls(IReadOnlyList<Exchange> exchanges)
    {
        var collapsed = new List<Exchange>();
        foreach (Exchange exchange in exchanges)
        {
            bool poll = exchange.Shape.Contains("/mfeOperation", StringComparison.Ordinal);
            if (poll && collapsed.Count > 0 && collapsed[^1].Key == exchange.Key)
            {
                continue;
            }
            collapsed.Add(exchange);
        }
        return collapsed;
    }

    /// <summary>The two sequences aligned by their longest common subsequence of method and path.</summary>
    private static List<(Exchange? Python, Exchange? Sdk)> Align(List<Exchange> python, List<Exchange> sdk)
    {
        int[,] lcs = new int[python.Count + 1, sdk.Count + 1];
        for (int i = python.Count - 1; i >= 0; i--)
        {
            for (int j = sdk.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = python[i].Key == sdk[j].Key ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var aligned = new List<(Exchange?, Exchange?)>();
        int a = 0;
        int b = 0;
        while (a < python.Count || b < sdk.Count)
        {
            if (a < python.Count && b < sdk.Count && python[a].Key == sdk[b].Key)
            {
                aligned.Add((python[a++], sdk[b++]));
            }
            else if (b == sdk.Count || (a < python.Count && lcs[a + 1, b] >= lcs[a, b + 1]))
            {
                aligned.Add((python[a++], null));
            }
            else
            {
                aligned.Add((null, sdk[b++]));
            }
        }
        return aligned;
    }

    /// <summary>A JSON body as leaf paths (<c>properties.traffic.blue</c>, <c>dependencies[0]</c>) and their JSON values.</summary>
    private static Dictionary<string, string> Leaves(string body)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.Length == 0)
        {
            return leaves;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            leaves["(text)"] = Volatile(body);
            return leaves;
        }
        Flatten(root, string.Empty, leaves);
        return leaves;
    }

    private static void Flatten(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach ((string name, JsonNode? child) in obj)
                {
                    Flatten(child, path.Length == 0 ? name : $"{path}.{name}", leaves);
                }
                break;
            case JsonArray array when array.Count > 0:
                for (int i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{path}[{i}]", leaves);
                }
                break;
            default:
                string field = path[(path.LastIndexOf('.') + 1)..];
                leaves[path.Length == 0 ? "(root)" : path] = SecretNames.Contains(field) ? "{secret}" : Volatile(node?.ToJsonString() ?? "null");
                break;
        }
    }

    /// <summary>
    /// What differs between any two runs whoever sends it: ids, each emulator's address, and the api-version inside URLs
    /// the service wrote (a client echoing the service's own URL back is not a difference between clients).
    /// </summary>
    private static string Volatile(string value) => PerEmulator().Replace(Guid().Replace(value, "{guid}"), m =>
        m.Value.StartsWith("https", StringComparison.Ordinal) ? "{emulator}" : m.Value.StartsWith("api-version", StringComparison.Ordinal) ? "api-version={version}" : "{id}");
}
