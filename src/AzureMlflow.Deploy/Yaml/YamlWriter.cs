using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Yaml;

/// <summary>Builds CLI v2 YAML (keys in the CLI's snake_case, nulls and empty maps left out) and saves it.</summary>
internal sealed class YamlWriter
{
    private readonly YamlMappingNode _root = [];

    public YamlWriter(string? schema = null) => Add("$schema", schema);

    public YamlWriter Add(string key, string? value)
    {
        if (value is not null)
        {
            _root.Add(key, new YamlScalarNode(value));
        }
        return this;
    }

    public YamlWriter Add(string key, int? value) => Add(key, value?.ToString(CultureInfo.InvariantCulture));

    public YamlWriter Add(string key, bool? value) => Add(key, value is null ? null : value.Value ? "true" : "false");

    public YamlWriter Add<TValue>(string key, IEnumerable<KeyValuePair<string, TValue>> map)
    {
        var node = new YamlMappingNode();
        foreach ((string name, TValue value) in map)
        {
            node.Add(name, new YamlScalarNode(Convert.ToString(value, CultureInfo.InvariantCulture)));
        }
        if (node.Children.Count > 0)
        {
            _root.Add(key, node);
        }
        return this;
    }

    public YamlWriter Add(string key, YamlWriter nested)
    {
        if (nested._root.Children.Count > 0)
        {
            _root.Add(key, nested._root);
        }
        return this;
    }

    /// <summary>A node as it is (an inline conda mapping).</summary>
    public YamlWriter Add(string key, YamlNode node)
    {
        _root.Add(key, node);
        return this;
    }

    /// <summary>A list of maps (<c>- resource_id: ...</c>), left out when empty.</summary>
    public YamlWriter Add(string key, IEnumerable<YamlWriter> items)
    {
        var node = new YamlSequenceNode(items.Select(item => (YamlNode)item._root));
        if (node.Children.Count > 0)
        {
            _root.Add(key, node);
        }
        return this;
    }

    public static YamlWriter Nested() => new();

    /// <summary>The folder a file is saved in, which relative paths in it are relative to.</summary>
    public static string FolderOf(string file) => Path.GetDirectoryName(Path.GetFullPath(file)) ?? Directory.GetCurrentDirectory();

    /// <summary>A local path relative to the saved file's folder, with the forward slashes the CLI writes on every platform.</summary>
    public static string RelativePath(string folder, string path) =>
        Path.GetRelativePath(folder, Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');

    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var writer = new StreamWriter(path);
        new YamlStream(new YamlDocument(_root)).Save(writer, assignAnchors: false);
    }
}
