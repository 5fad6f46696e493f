using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Yaml;

/// <summary>
/// Reads the first YAML document of a text (MLmodel files, CLI YAML files) into YamlDotNet's node tree, turning every
/// way a malformed text can fail into the caller's own exception. The nesting depth is checked first with the
/// streaming parser, because building the node tree recurses once per level: a hostile file nested thousands of
/// levels deep would otherwise overflow the stack, which no catch can handle.
/// </summary>
internal static class YamlText
{
    /// <summary>Deeper than any MLmodel or CLI YAML file needs, shallow enough for the node tree's recursion.</summary>
    public const int MaxDepth = 64;

    /// <summary>The root node of the first document, or null for an empty text.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <param name="error">Creates the caller's exception from a message (and the parser's exception).</param>
    public static YamlNode? LoadRoot(string text, string source, Func<string, Exception?, Exception> error)
    {
        try
        {
            CheckDepth(text, source, error);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException ex)
        {
            throw error($"'{source}' is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException or KeyNotFoundException)
        {
            // YamlDotNet's scanner lets these escape on some malformed texts.
            throw error($"'{source}' is not valid YAML: {ex.Message}", ex);
        }
    }

    private static void CheckDepth(string text, string source, Func<string, Exception?, Exception> error)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    throw error($"'{source}' is nested more than {MaxDepth} levels deep (line {parser.Current.Start.Line}); no MLmodel or CLI YAML file needs that.", null);
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }
}
