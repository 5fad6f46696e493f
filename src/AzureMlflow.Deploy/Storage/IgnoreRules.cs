using System.Text;
using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// The <c>.amlignore</c> / <c>.gitignore</c> of a model folder, with the gitwildmatch semantics of Python's
/// <c>pathspec</c> library that the Python SDK and CLI use, so the same files are left out (and hashed) everywhere.
/// Only the root folder's file counts; <c>.amlignore</c> wins over <c>.gitignore</c>.
/// </summary>
internal sealed class IgnoreRules
{
    private readonly IReadOnlyList<(Regex Pattern, bool Exclude)> _patterns;

    private IgnoreRules(IReadOnlyList<(Regex, bool)> patterns, string? source)
    {
        _patterns = patterns;
        Source = source;
    }

    /// <summary>Rules that exclude nothing.</summary>
    public static IgnoreRules None { get; } = new([], null);

    /// <summary>The ignore file the rules came from, or null.</summary>
    public string? Source { get; }

    public static IgnoreRules Load(string rootDirectory)
    {
        foreach (string name in new[] { ".amlignore", ".gitignore" })
        {
            string path = Path.Combine(rootDirectory, name);
            if (File.Exists(path))
            {
                return Parse(File.ReadAllLines(path), path);
            }
        }
        return None;
    }

    public static IgnoreRules Parse(IEnumerable<string> lines, string? source = null)
    {
        var patterns = new List<(Regex, bool)>();
        foreach (string line in lines)
        {
            if (Translate(line) is { } pattern)
            {
                patterns.Add(pattern);
            }
        }
        return new IgnoreRules(patterns, source);
    }

    /// <summary>Whether a path relative to the root ('/'-separated, no trailing slash; file or folder) is ignored. The last matching pattern decides.</summary>
    public bool IsExcluded(string relativePath)
    {
        string path = relativePath.Replace('\\', '/');
        bool excluded = false;
        foreach ((Regex pattern, bool exclude) in _patterns)
        {
            if (pattern.IsMatch(path))
            {
                excluded = exclude;
            }
        }
        return excluded;
    }

    /// <summary>One gitwildmatch line to a regex, following pathspec's translation (null for blanks and comments).</summary>
    private static (Regex, bool)? Translate(string line)
    {
        string pattern = line.EndsWith("\\ ", StringComparison.Ordinal) ? line : line.TrimEnd();
        if (pattern.Length == 0 || pattern.StartsWith('#') || pattern == "/")
        {
            return null;
        }
        bool exclude = true;
        if (pattern.StartsWith('!'))
        {
            exclude = false;
            pattern = pattern[1..];
        }
        else if (pattern.StartsWith("\\!", StringComparison.Ordinal) || pattern.StartsWith("\\#", StringComparison.Ordinal))
        {
            pattern = pattern[1..];
        }

        var segments = pattern.Split('/').ToList();
        if (segments[0].Length == 0)
        {
            segments.RemoveAt(0); // A leading slash anchors the pattern to the root.
        }
        else if (segments.Count == 1 || (segments.Count == 2 && segments[1].Length == 0))
        {
            if (segments[0] != "**")
            {
                segments.Insert(0, "**"); // No slash (except a trailing one): match at any depth.
            }
        }
        if (segments.Count == 0 || segments.All(s => s.Length == 0))
        {
            return null;
        }
        if (segments.Count > 1 && segments[^1].Length == 0)
        {
            segments[^1] = "**"; // A trailing slash matches what is inside the folder.
        }

        var regex = new StringBuilder("^");
        bool needSlash = false;
        int end = segments.Count - 1;
        for (int i = 0; i <= end; i++)
        {
            string segment = segments[i];
            if (segment == "**")
            {
                if (i == 0 && i == end)
                {
                    regex.Append(".+");
                }
                else if (i == 0)
                {
                    regex.Append("(?:.+/)?");
                    needSlash = false;
                }
                else if (i == end)
                {
                    regex.Append("/.*");
                }
                else
                {
                    regex.Append("(?:/.+)?");
                    needSlash = true;
                }
                continue;
            }
            if (needSlash)
            {
                regex.Append('/');
            }
            regex.Append(segment == "*" ? "[^/]+" : TranslateGlob(segment));
            if (i == end)
            {
                regex.Append("(?:/.*)?"); // A name also matches everything under it, if it is a folder.
            }
            needSlash = true;
        }
        regex.Append('$');
        return (new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline), exclude);
    }

    private static string TranslateGlob(string glob)
    {
        var regex = new StringBuilder();
        bool escape = false;
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (escape)
            {
                regex.Append(Regex.Escape(c.ToString()));
                escape = false;
            }
            else if (c == '\\')
            {
                escape = true;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[' && ClassEnd(glob, i) is int close)
            {
                string body = glob[(i + 1)..close];
                regex.Append('[');
                if (body.StartsWith('!') || body.StartsWith('^'))
                {
                    regex.Append('^');
                    body = body[1..];
                }
                regex.Append(body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal));
                regex.Append(']');
                i = close;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }
        return regex.ToString();
    }

    /// <summary>The index of the ']' closing a character class that opens at <paramref name="open"/>, or null if it is a literal '['.</summary>
    private static int? ClassEnd(string glob, int open)
    {
        int j = open + 1;
        if (j < glob.Length && (glob[j] == '!' || glob[j] == '^'))
        {
            j++;
        }
        if (j < glob.Length && glob[j] == ']')
        {
            j++;
        }
        while (j < glob.Length && glob[j] != ']')
        {
            j++;
        }
        return j < glob.Length ? j : null;
    }
}
