using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.State;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>A conda file as the service stores it: the YAML that was sent, re-written as JSON indented by two spaces.</summary>
internal static class CondaJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string FromYaml(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            JsonNode? root = stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
            return root?.ToJsonString(Indented) ?? "null";
        }
        catch (YamlException ex)
        {
            throw ServiceException.BadRequest($"The conda file is not valid YAML: {ex.Message}", "properties.condaFile");
        }
    }

    /// <summary>Mappings keep their order; plain scalars that read as numbers or booleans become them, as a YAML loader reads them.</summary>
    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "null" or "~" or "" } => null,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole) => JsonValue.Create(whole),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) => JsonValue.Create(number),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
