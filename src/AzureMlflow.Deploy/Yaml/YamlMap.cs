using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Yaml;

/// <summary>
/// A mapping of a CLI v2 YAML file, read strictly: typed getters that report the file and line of a wrong value, and a
/// final check that every key was understood (unknown keys are listed with their lines, as the CLI's schema does).
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private YamlMap(YamlMappingNode node, string file, string path)
    {
        _node = node;
        File = file;
        Path = path;
    }

    public string File { get; }

    /// <summary>The key path of this mapping inside the file (for messages), empty for the root.</summary>
    public string Path { get; }

    /// <summary>The folder relative paths in the file are resolved against.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(File))!;

    public static YamlMap Load(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        if (!System.IO.File.Exists(file))
        {
            throw new FileNotFoundException($"The YAML file '{file}' does not exist.", file);
        }
        YamlNode? root = YamlText.LoadRoot(System.IO.File.ReadAllText(file), file, (message, inner) => new CliYamlException(message, inner));
        return root is YamlMappingNode mapping
            ? new YamlMap(mapping, file, string.Empty)
            : throw new CliYamlException($"'{file}' must be a YAML mapping of keys to values.");
    }

    public bool Has(string key) => Find(key) is not null;

    public string? String(string key) => Find(key) is { } node ? Scalar(node, key) : null;

    public int? Int(string key) => Parse<int>(key, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : (int?)null, "an integer");

    public double? Double(string key) => Parse<double>(key, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : (double?)null, "a number");

    public bool? Bool(string key) => Parse<bool>(key, s => bool.TryParse(s, out bool v) ? v : (bool?)null, "true or false");

    public YamlMap? Map(string key)
    {
        YamlNode? node = Find(key);
        return node switch
        {
            null => null,
            YamlMappingNode mapping => new YamlMap(mapping, File, Qualified(key)),
            _ => throw Error(node, $"'{Qualified(key)}' must be a mapping"),
        };
    }

    /// <summary>A mapping of names to scalar values (tags, properties, environment variables, traffic).</summary>
    public Dictionary<string, string> Dictionary(string key)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        YamlNode? node = Find(key);
        if (node is null || (node is YamlScalarNode { Value: null or "" or "~" or "null" }))
        {
            return values;
        }
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, $"'{Qualified(key)}' must be a mapping of names to values");
        }
        foreach ((YamlNode name, YamlNode value) in mapping.Children)
        {
            values[Scalar(name, key)] = value is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Error(value, $"'{Qualified(key)}.{name}' must be a single value");
        }
        return values;
    }

    /// <summary>The keys of this mapping (all marked as read).</summary>
    public IReadOnlyList<string> Keys()
    {
        var keys = _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => k is not null).ToList();
        keys.ForEach(k => _read.Add(k));
        return keys;
    }

    /// <summary>The raw node of a key whose shape varies (a string or a mapping), marked as read.</summary>
    public YamlNode? Node(string key) => Find(key);

    /// <summary>Keys the schema allows but this SDK does not use; they are accepted and skipped.</summary>
    public void Skip(params string[] keys)
    {
        foreach (string key in keys)
        {
            _read.Add(key);
        }
    }

    /// <summary>Throws when the mapping has keys nothing read, listing each with its line.</summary>
    public void EnsureAllKeysKnown()
    {
        var unknown = _node.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value is not null && !_read.Contains(k.Value)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliYamlException($"'{File}' has unknown key(s): " +
                string.Join(", ", unknown.Select(k => $"'{Qualified(k.Value!)}' (line {k.Start.Line})")) + ".");
        }
    }

    public CliYamlException Error(YamlNode node, string message) => new($"'{File}' line {node.Start.Line}: {message}.");

    public CliYamlException Error(string key, string message) =>
        Find(key, markRead: false) is { } node ? Error(node, message) : new CliYamlException($"'{File}': {message}.");

    private T? Parse<T>(string key, Func<string, T?> parse, string expected) where T : struct
    {
        YamlNode? node = Find(key);
        if (node is null)
        {
            return null;
        }
        string text = Scalar(node, key);
        return parse(text) ?? throw Error(node, $"'{Qualified(key)}' must be {expected}, not '{text}'");
    }

    private string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"'{Qualified(key)}' must be a single value");

    private YamlNode? Find(string key, bool markRead = true)
    {
        if (markRead)
        {
            _read.Add(key);
        }
        return _node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) ? node : null;
    }

    private string Qualified(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
