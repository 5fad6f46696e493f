using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Emulator.Python;

/// <summary>An MLmodel file as JSON for the Python worker and the studio page (which then need no YAML library): plain nulls and booleans typed, other scalars as text.</summary>
internal static class MlmodelJson
{
    public static JsonObject Read(string mlmodelPath)
    {
        using var reader = new StreamReader(mlmodelPath);
        return Parse(reader);
    }

    public static JsonObject Parse(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return Convert(stream.Documents[0].RootNode) as JsonObject ?? throw new InvalidDataException("The MLmodel file is not a mapping.");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" } => null,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "True" } => true,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "false" or "False" } => false,
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };
}
