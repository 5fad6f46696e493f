using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Yaml;

/// <summary>
/// Writes a YAML tree as PyYAML's <c>yaml.dump(data, sort_keys=True)</c> writes the same data after <c>safe_load</c>:
/// block style, sorted keys, sequences under a key not indented, plain scalars typed as YAML 1.1 types (so <c>3.10</c>
/// is the float 3.1) and strings that would read as another type single-quoted. The Python SDK hashes this text to name
/// anonymous environments and sends it as the conda file, so the same conda file must give the same text here.
/// </summary>
internal static partial class PythonYamlDump
{
    public static string Dump(YamlNode root)
    {
        var text = new StringBuilder();
        WriteBlock(text, root, 0);
        return text.ToString();
    }

    private static void WriteBlock(StringBuilder text, YamlNode node, int indent)
    {
        switch (node)
        {
            case YamlMappingNode { Children.Count: 0 }:
                text.Append("{}\n");
                break;
            case YamlSequenceNode { Children.Count: 0 }:
                text.Append("[]\n");
                break;
            case YamlMappingNode map:
                bool first = true;
                foreach ((string key, YamlNode value) in map.Children.Select(c => (Scalar(c.Key), c.Value)).OrderBy(c => c.Item1, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(' ', indent);
                    }
                    first = false;
                    text.Append(key).Append(':');
                    WriteValue(text, value, indent, underKey: true);
                }
                break;
            case YamlSequenceNode sequence:
                bool firstItem = true;
                foreach (YamlNode item in sequence.Children)
                {
                    if (!firstItem)
                    {
                        text.Append(' ', indent);
                    }
                    firstItem = false;
                    text.Append('-');
                    WriteValue(text, item, indent, underKey: false);
                }
                break;
            default:
                text.Append(Scalar(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder text, YamlNode value, int indent, bool underKey)
    {
        if (value is YamlMappingNode { Children.Count: > 0 } map)
        {
            // A mapping under a key starts on its own line, indented; a mapping item starts after "- ".
            if (underKey)
            {
                text.Append('\n').Append(' ', indent + 2);
            }
            else
            {
                text.Append(' ');
            }
            WriteBlock(text, map, indent + 2);
        }
        else if (value is YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            // PyYAML does not indent a sequence under a key; a nested sequence item starts after "- ".
            if (underKey)
            {
                text.Append('\n').Append(' ', indent);
                WriteBlock(text, sequence, indent);
            }
            else
            {
                text.Append(' ');
                WriteBlock(text, sequence, indent + 2);
            }
        }
        else
        {
            text.Append(' ');
            WriteBlock(text, value, indent);
        }
    }

    private static string Scalar(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            return "null";
        }
        string value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any)
        {
            if (value is "" or "~" or "null" or "Null" or "NULL")
            {
                return "null";
            }
            if (Bool(value) is { } flag)
            {
                return flag ? "true" : "false";
            }
            if (IntPattern().IsMatch(value) && long.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
            {
                return number.ToString(CultureInfo.InvariantCulture);
            }
            if (FloatPattern().IsMatch(value) && double.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
            {
                return PythonFloat(real);
            }
        }
        return NeedsQuotes(value) ? "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'" : value;
    }

    /// <summary>Python's <c>repr</c> of a float as PyYAML writes it: shortest round trip, with a <c>.0</c> when it looks integral.</summary>
    private static string PythonFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return ".nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? ".inf" : "-.inf";
        }
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text.Replace("E", "e", StringComparison.Ordinal) : text + ".0";
    }

    private static bool? Bool(string value) => value switch
    {
        "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON" => true,
        "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    /// <summary>Whether PyYAML would quote a string: empty, reads as another type, or has characters plain style cannot carry.</summary>
    private static bool NeedsQuotes(string value) =>
        value.Length == 0
        || value is "~" or "null" or "Null" or "NULL"
        || Bool(value) is not null
        || IntPattern().IsMatch(value) || FloatPattern().IsMatch(value)
        || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
        || "#,[]{}&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal)
        || (value.Length > 1 && "-?:".Contains(value[0], StringComparison.Ordinal) && value[1] == ' ')
        || value is "-" or "?" or ":"
        || value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal)
        || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':')
        || value.Any(c => c is '\n' or '\r' or '\t');

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?|\.[0-9_]+([eE][-+][0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
