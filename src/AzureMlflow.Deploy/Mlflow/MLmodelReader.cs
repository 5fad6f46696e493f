using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Mlflow;

/// <summary>Reads MLmodel YAML with YamlDotNet's representation model (no reflection); every failure becomes <see cref="MlflowModelException"/>.</summary>
internal static class MLmodelReader
{
    public static MlflowModel Read(string yaml, string source)
    {
        if (yaml.Length > MlflowModel.MaxFileBytes)
        {
            throw new MlflowModelException($"'{source}' is larger than {MlflowModel.MaxFileBytes / 1024} KiB; an MLmodel file is a small YAML description.");
        }
        YamlMappingNode root = LoadRoot(yaml, source);

        var flavors = new Dictionary<string, MlflowFlavor>(StringComparer.Ordinal);
        if (Child(root, "flavors") is { } flavorsNode)
        {
            YamlMappingNode mapping = flavorsNode as YamlMappingNode ?? throw Error(source, flavorsNode, "'flavors' must be a mapping of flavor names to their settings");
            foreach ((YamlNode key, YamlNode value) in mapping.Children)
            {
                string name = Scalar(source, key, "a flavor name");
                YamlMappingNode settings = value as YamlMappingNode ?? throw Error(source, value, $"flavor '{name}' must be a mapping of settings");
                flavors[name] = new MlflowFlavor(name, Settings(source, settings));
            }
        }
        if (flavors.Count == 0)
        {
            throw new MlflowModelException($"'{source}' declares no flavors; an MLflow model needs at least one (normally python_function).");
        }

        MlflowSignature? signature = null;
        if (Child(root, "signature") is { } signatureNode)
        {
            YamlMappingNode mapping = signatureNode as YamlMappingNode ?? throw Error(source, signatureNode, "'signature' must be a mapping with inputs, outputs and params");
            signature = new MlflowSignature(
                SchemaOf(source, mapping, "inputs"),
                SchemaOf(source, mapping, "outputs"),
                Child(mapping, "params") is { } p && Text(source, p, "signature.params") is { } paramsJson ? SignatureJson.Params(paramsJson, source) : []);
        }

        MlflowInputExampleInfo? example = null;
        if (Child(root, "saved_input_example_info") is { } exampleNode)
        {
            YamlMappingNode mapping = exampleNode as YamlMappingNode ?? throw Error(source, exampleNode, "'saved_input_example_info' must be a mapping");
            example = new MlflowInputExampleInfo(
                OptionalScalar(source, mapping, "artifact_path"), OptionalScalar(source, mapping, "type"), OptionalScalar(source, mapping, "pandas_orient"));
        }

        return new MlflowModel(flavors, signature, example,
            OptionalScalar(source, root, "mlflow_version"), OptionalScalar(source, root, "model_uuid"), OptionalScalar(source, root, "run_id"),
            MlflowModel.ParseTime(OptionalScalar(source, root, "utc_time_created")), OptionalScalar(source, root, "artifact_path"));
    }

    private static YamlMappingNode LoadRoot(string yaml, string source)
    {
        YamlNode root = Yaml.YamlText.LoadRoot(yaml, source, (message, inner) => new MlflowModelException(message, inner))
            ?? throw new MlflowModelException($"'{source}' is empty.");
        return root as YamlMappingNode
            ?? throw Error(source, root, "the MLmodel file must be a YAML mapping (key: value lines)");
    }

    private static MlflowSchema? SchemaOf(string source, YamlMappingNode signature, string key) =>
        Child(signature, key) is { } node && Text(source, node, $"signature.{key}") is { } json ? SignatureJson.Schema(json, source, key) : null;

    private static IReadOnlyDictionary<string, string> Settings(string source, YamlMappingNode settings)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((YamlNode key, YamlNode value) in settings.Children)
        {
            values[Scalar(source, key, "a setting name")] = value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : ToJson(value);
        }
        return values;
    }

    /// <summary>Nested YAML (lists and mappings inside a flavor) kept as compact JSON text.</summary>
    private static string ToJson(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, depth: 0);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, int depth)
    {
        if (depth > 64)
        {
            throw new MlflowModelException("The MLmodel file nests values more than 64 levels deep.");
        }
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach ((YamlNode key, YamlNode value) in mapping.Children)
                {
                    writer.WritePropertyName((key as YamlScalarNode)?.Value ?? string.Empty);
                    Write(writer, value, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (YamlNode item in sequence.Children)
                {
                    Write(writer, item, depth + 1);
                }
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(scalar.Value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;

    private static string? OptionalScalar(string source, YamlMappingNode mapping, string key) =>
        Child(mapping, key) is { } node ? Text(source, node, key) : null;

    /// <summary>A scalar's text; null for YAML null (<c>~</c>, <c>null</c>, empty).</summary>
    private static string? Text(string source, YamlNode node, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(source, node, $"'{what}' must be a single value");
        }
        return scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL") ? null : scalar.Value;
    }

    private static string Scalar(string source, YamlNode node, string what) =>
        (node as YamlScalarNode)?.Value ?? throw Error(source, node, $"expected {what}");

    private static MlflowModelException Error(string source, YamlNode node, string message) =>
        new($"'{source}' line {node.Start.Line.ToString(CultureInfo.InvariantCulture)}: {message}.");
}
