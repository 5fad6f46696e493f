using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Yaml;

/// <summary>Conda environment files (<c>conda.yaml</c>): read, and written back as the Python SDK sends them.</summary>
internal static class CondaFiles
{
    /// <summary>The conda file as Python's <c>yaml.dump(..., sort_keys=True)</c> writes it.</summary>
    /// <exception cref="ArgumentException">The text is not a YAML mapping.</exception>
    public static string ToPythonYaml(string text, string source) => PythonYamlDump.Dump(Load(text, source));

    /// <summary>The conda file's root mapping.</summary>
    /// <exception cref="ArgumentException">The text is not a YAML mapping.</exception>
    public static YamlMappingNode Load(string text, string source) =>
        YamlText.LoadRoot(text, source, (message, inner) => new ArgumentException(message, inner)) as YamlMappingNode
            ?? throw new ArgumentException($"'{source}' is not a conda environment file: its top level must be a mapping with 'dependencies'.");
}
