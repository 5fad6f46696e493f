using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>A column of a column-based signature.</summary>
internal sealed record ColumnSpec(string? Name, string Type, bool Required);

/// <summary>A tensor of a tensor-based signature.</summary>
internal sealed record TensorSpec(string? Name, string DType, int[] Shape);

/// <summary>
/// What the emulator's scoring needs from an MLmodel file: the flavors (and the ONNX file) and the input signature.
/// Read independently of the SDK's reader, as the real scoring server would.
/// </summary>
internal sealed class MlmodelFile
{
    /// <summary>MLflow's DataType names; its schema loader refuses any other.</summary>
    private static readonly string[] ScalarTypes = ["boolean", "integer", "long", "float", "double", "string", "binary", "datetime"];

    /// <summary>The column types a schema may also use (nested types and <c>any</c>).</summary>
    private static readonly string[] ColumnTypes = [.. ScalarTypes, "array", "object", "map", "any"];

    public required IReadOnlyCollection<string> Flavors { get; init; }
    public string? OnnxFile { get; init; }
    public IReadOnlyList<ColumnSpec>? InputColumns { get; init; }
    public IReadOnlyList<TensorSpec>? InputTensors { get; init; }

    public static MlmodelFile Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var flavors = (YamlMappingNode)root.Children[new YamlScalarNode("flavors")];
        string? onnx = null;
        if (flavors.Children.TryGetValue(new YamlScalarNode("onnx"), out YamlNode? onnxFlavor)
            && ((YamlMappingNode)onnxFlavor).Children.TryGetValue(new YamlScalarNode("data"), out YamlNode? data))
        {
            onnx = ((YamlScalarNode)data).Value;
        }
        List<ColumnSpec>? columns = null;
        List<TensorSpec>? tensors = null;
        YamlMappingNode? mapping = null;
        if (root.Children.TryGetValue(new YamlScalarNode("signature"), out YamlNode? signature))
        {
            // MLflow's loader fails on a signature that is not a mapping, so the serving container does too.
            mapping = signature as YamlMappingNode ?? throw new InvalidDataException("The MLmodel's 'signature' is not a mapping; MLflow cannot load the model.");
            CheckParams(mapping);
        }
        if (mapping is not null
            && mapping.Children.TryGetValue(new YamlScalarNode("inputs"), out YamlNode? inputs)
            && ((YamlScalarNode)inputs).Value is { Length: > 0 } json && json != "null")
        {
            foreach (JsonNode? spec in JsonNode.Parse(json)!.AsArray())
            {
                string? name = spec!["name"]?.ToString();
                string type = spec["type"]!.GetValue<string>();
                if (type == "tensor")
                {
                    (tensors ??= []).Add(new TensorSpec(name, spec["tensor-spec"]!["dtype"]!.GetValue<string>(),
                        spec["tensor-spec"]!["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray()));
                }
                else
                {
                    CheckType(type, ColumnTypes);
                    (columns ??= []).Add(new ColumnSpec(name, type, spec["required"]?.GetValue<bool>() ?? true));
                }
            }
        }
        return new MlmodelFile
        {
            Flavors = flavors.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList(),
            OnnxFile = onnx,
            InputColumns = columns,
            InputTensors = tensors,
        };
    }

    private static void CheckParams(YamlMappingNode signature)
    {
        if (signature.Children.TryGetValue(new YamlScalarNode("params"), out YamlNode? node) && node is YamlScalarNode { Value: { Length: > 0 } json } && json != "null")
        {
            foreach (JsonNode? spec in JsonNode.Parse(json)!.AsArray())
            {
                CheckType(spec!["type"]!.GetValue<string>(), ScalarTypes);
            }
        }
    }

    private static void CheckType(string type, string[] known)
    {
        if (!known.Contains(type, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"The MLmodel's signature uses the type '{type}', which MLflow does not know; MLflow cannot load the model.");
        }
    }
}
