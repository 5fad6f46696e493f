using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>ARM list pages: <c>{"value": [...], "nextLink": "...&amp;$skipToken=N"}</c>.</summary>
internal static class Paging
{
    public static ArmResult Page(HttpRequest request, IReadOnlyList<JsonObject> items, int pageSize)
    {
        int skip = int.TryParse(request.Query["$skipToken"], out int token) && token > 0 ? token : 0;
        var value = new JsonArray();
        foreach (JsonObject item in items.Skip(skip).Take(pageSize))
        {
            value.Add(item.DeepClone());
        }
        var page = new JsonObject { ["value"] = value };
        if (skip + pageSize < items.Count)
        {
            var query = request.Query.Where(q => q.Key != "$skipToken").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
            query["$skipToken"] = (skip + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture);
            page["nextLink"] = QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
        }
        return ArmResult.Ok(page);
    }
}
