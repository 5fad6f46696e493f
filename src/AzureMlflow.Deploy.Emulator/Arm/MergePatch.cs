using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>
/// ARM's partial updates (PATCH): a JSON merge patch (RFC 7396) of the fields the operation's schema has, applied to
/// the resource as stored, which the resource's own PUT then validates and provisions. Fields outside the schema are
/// refused, so a patch never changes what the service would not.
/// </summary>
internal static class MergePatch
{
    /// <summary>
    /// The PUT body the patched resource amounts to: <paramref name="resource"/> with <paramref name="patch"/> merged in,
    /// where the patch may name only <paramref name="allowed"/> top-level fields (<c>properties.description</c> allows
    /// that one property only).
    /// </summary>
    public static JsonObject Apply(JsonObject resource, JsonObject patch, params string[] allowed)
    {
        foreach ((string name, JsonNode? value) in patch)
        {
            if (name == "properties" && value is JsonObject properties && allowed.FirstOrDefault(a => a.StartsWith("properties.", StringComparison.Ordinal)) is { } only)
            {
                string field = only["properties.".Length..];
                if (properties.Any(p => p.Key != field))
                {
                    throw ServiceException.BadRequest($"A partial update can change only {string.Join(", ", allowed)} of this resource.", "properties");
                }
                continue;
            }
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw ServiceException.BadRequest($"A partial update can change only {string.Join(", ", allowed)} of this resource, not '{name}'.", name);
            }
        }
        var merged = (JsonObject)resource.DeepClone();
        Merge(merged, patch);
        return merged;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach ((string name, JsonNode? value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject child && target[name] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    /// <summary>
    /// The answer to a PATCH that started an operation: 202 with its <c>Azure-AsyncOperation</c>, and a <c>Location</c>
    /// that is the resource itself, so a client that reads a PATCH's final result from <c>Location</c> (core-lro does)
    /// gets the resource.
    /// </summary>
    public static ArmResult Accepted(ArmResult put)
    {
        var answer = new ArmResult(202);
        foreach ((string name, string value) in put.Headers)
        {
            answer.WithHeader(name, value);
        }
        return answer;
    }
}
