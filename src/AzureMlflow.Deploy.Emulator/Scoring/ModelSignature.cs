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
        if (root.Children.TryGetValue(new YamlScalarNode("signature"), out YamlNode? signature)
            && signature is YamlMappingNode mapping
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
}
