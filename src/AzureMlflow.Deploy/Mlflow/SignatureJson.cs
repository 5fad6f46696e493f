using System.Text.Json;

namespace AzureMlflow.Deploy.Mlflow;

/// <summary>Parses the JSON strings inside an MLmodel signature (column specs, tensor specs, params).</summary>
internal static class SignatureJson
{
    /// <summary>MLflow's DataType names, a closed set; a typo such as <c>doubel</c> would otherwise validate any payload.</summary>
    private static readonly string[] ScalarTypes = ["boolean", "integer", "long", "float", "double", "string", "binary", "datetime"];

    /// <summary>The composite column types of MLflow 2.10 and later (and <c>any</c>, MLflow 2.19).</summary>
    private static readonly string[] CompositeTypes = ["array", "object", "map", "any"];

    public static MlflowSchema Schema(string json, string source, string which)
    {
        using JsonDocument document = Parse(json, source, which);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw Error(source, which, "must be a JSON array of column or tensor specs");
        }
        var columns = new List<MlflowColumnSpec>();
        var tensors = new List<MlflowTensorSpec>();
        foreach (JsonElement spec in document.RootElement.EnumerateArray())
        {
            if (spec.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, which, "has an entry that is not a JSON object");
            }
            string type = String(spec, "type") ?? throw Error(source, which, "has an entry without a 'type'");
            string? name = Name(spec);
            if (type == "tensor")
            {
                if (!spec.TryGetProperty("tensor-spec", out JsonElement tensor) || tensor.ValueKind != JsonValueKind.Object)
                {
                    throw Error(source, which, $"has a tensor{(name is null ? "" : $" '{name}'")} without a 'tensor-spec' object");
                }
                string dtype = String(tensor, "dtype") ?? throw Error(source, which, "has a tensor-spec without a 'dtype'");
                tensors.Add(new MlflowTensorSpec(name, dtype, Shape(tensor, source, which) ?? throw Error(source, which, "has a tensor-spec without a 'shape'")));
            }
            else
            {
                CheckType(type, ScalarTypes.Concat(CompositeTypes), source, which, name is null ? "a column" : $"column '{name}'");
                bool required = !spec.TryGetProperty("required", out JsonElement r) || r.ValueKind != JsonValueKind.False;
                columns.Add(new MlflowColumnSpec(name, type, required));
            }
        }
        if (columns.Count > 0 && tensors.Count > 0)
        {
            throw Error(source, which, "mixes columns and tensors; a schema is one or the other");
        }
        return new MlflowSchema(columns, tensors);
    }

    public static IReadOnlyList<MlflowParamSpec> Params(string json, string source)
    {
        using JsonDocument document = Parse(json, source, "params");
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw Error(source, "params", "must be a JSON array");
        }
        var parameters = new List<MlflowParamSpec>();
        foreach (JsonElement spec in document.RootElement.EnumerateArray())
        {
            if (spec.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, "params", "has an entry that is not a JSON object");
            }
            string name = Name(spec) ?? throw Error(source, "params", "has a parameter without a 'name'");
            string type = String(spec, "type") ?? throw Error(source, "params", $"parameter '{name}' has no 'type'");
            CheckType(type, ScalarTypes, source, "params", $"parameter '{name}'");
            string? defaultJson = spec.TryGetProperty("default", out JsonElement d) ? d.GetRawText() : null;
            parameters.Add(new MlflowParamSpec(name, type, defaultJson, Shape(spec, source, "params")));
        }
        return parameters;
    }

    private static void CheckType(string type, IEnumerable<string> known, string source, string which, string what)
    {
        if (!known.Contains(type, StringComparer.Ordinal))
        {
            throw Error(source, which, $"gives {what} the type '{type}', which is not an MLflow type ({string.Join(", ", known)})");
        }
    }

    private static JsonDocument Parse(string json, string source, string which)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: text that is not valid UTF-16
        {
            throw new MlflowModelException($"'{source}': signature {which} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string? Name(JsonElement spec) =>
        spec.TryGetProperty("name", out JsonElement name) ? name.ValueKind switch
        {
            JsonValueKind.String => name.GetString(),
            JsonValueKind.Number => name.GetRawText(), // MLflow allows integer column names, e.g. "name": 0.
            _ => null,
        } : null;

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int[]? Shape(JsonElement element, string source, string which)
    {
        if (!element.TryGetProperty("shape", out JsonElement shape) || shape.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (shape.ValueKind != JsonValueKind.Array)
        {
            throw Error(source, which, "has a 'shape' that is not an array");
        }
        var dims = new List<int>();
        foreach (JsonElement dim in shape.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out int value) || value < -1)
            {
                throw Error(source, which, $"has a shape dimension '{dim.GetRawText()}'; dimensions are non-negative integers or -1");
            }
            dims.Add(value);
        }
        return [.. dims];
    }

    private static MlflowModelException Error(string source, string which, string message) =>
        new($"'{source}': signature {which} {message}.");
}
