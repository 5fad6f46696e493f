using System.Text.Json;

namespace AzureMlflow.Deploy.Benchmarks.Payloads;

/// <summary>
/// Whether two JSON documents carry the same values: same structure, property names and order, strings, and numbers
/// equal as doubles (so <c>1</c> and <c>1.0</c> match, but any lost digit does not).
/// </summary>
internal static class JsonEquivalence
{
    public static string? Difference(ReadOnlyMemory<byte> expected, ReadOnlyMemory<byte> actual)
    {
        using JsonDocument a = JsonDocument.Parse(expected);
        using JsonDocument b = JsonDocument.Parse(actual);
        return Compare(a.RootElement, b.RootElement, "$");
    }

    private static string? Compare(JsonElement a, JsonElement b, string path)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return $"{path}: {a.ValueKind} vs {b.ValueKind}";
        }
        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return a.GetDouble().Equals(b.GetDouble()) ? null : $"{path}: {a.GetRawText()} vs {b.GetRawText()}";
            case JsonValueKind.String:
                return a.GetString() == b.GetString() ? null : $"{path}: \"{a.GetString()}\" vs \"{b.GetString()}\"";
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return $"{path}: {a.GetArrayLength()} items vs {b.GetArrayLength()}";
                }
                // Enumerated in step: JsonElement's indexer walks the array from its start, which is quadratic for long arrays.
                int item = 0;
                JsonElement.ArrayEnumerator first = a.EnumerateArray(), second = b.EnumerateArray();
                while (first.MoveNext() && second.MoveNext())
                {
                    if (Compare(first.Current, second.Current, $"{path}[{item}]") is { } difference)
                    {
                        return difference;
                    }
                    item++;
                }
                return null;
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToList();
                var right = b.EnumerateObject().ToList();
                if (!left.Select(p => p.Name).SequenceEqual(right.Select(p => p.Name)))
                {
                    return $"{path}: properties {string.Join(",", left.Select(p => p.Name))} vs {string.Join(",", right.Select(p => p.Name))}";
                }
                for (int i = 0; i < left.Count; i++)
                {
                    if (Compare(left[i].Value, right[i].Value, $"{path}.{left[i].Name}") is { } difference)
                    {
                        return difference;
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
