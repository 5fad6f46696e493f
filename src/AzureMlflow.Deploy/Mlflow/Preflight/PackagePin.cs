using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.Mlflow;

/// <summary>
/// One dependency line of a model's environment (<c>mlflow==2.9.2</c>, conda's <c>python=3.10</c>, <c>pip&lt;=23.3</c>,
/// <c>scikit-learn&gt;=1.2,&lt;1.4</c>), reduced to what the rules need: the normalized name, the exact version it pins
/// or the lowest it allows, and the file it came from.
/// </summary>
internal sealed partial class PackagePin
{
    private PackagePin(string name, Version? exact, Version? lowest, string exactText, string file)
    {
        Name = name;
        Exact = exact;
        Lowest = lowest;
        ExactText = exactText;
        File = file;
    }

    /// <summary>Lower-case, '_' and '.' as '-', no extras: how pip compares names.</summary>
    public string Name { get; }

    public Version? Exact { get; }

    public Version? Lowest { get; }

    /// <summary>The pinned version as written (for messages and conflicts).</summary>
    public string ExactText { get; }

    public string File { get; }

    public bool Unpinned => Exact is null && Lowest is null;

    /// <summary>The version the environment will get, as far as the line says: the pin, else the lower bound.</summary>
    public Version? Effective => Exact ?? Lowest;

    /// <summary>Parses a line; null for lines that name no package (options, includes, URLs, comments).</summary>
    public static PackagePin? Parse(string line, string file)
    {
        string text = line.Split('#')[0].Split(';')[0].Trim();
        if (text.Length == 0 || text.StartsWith('-') || text.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }
        Match match = Requirement().Match(text);
        if (!match.Success)
        {
            return null;
        }
        string name = Normalize(match.Groups["name"].Value);
        Version? exact = null, lowest = null;
        string exactText = string.Empty;
        foreach (string clause in match.Groups["spec"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Match part = Clause().Match(clause);
            if (!part.Success || ParseVersion(part.Groups["version"].Value) is not { } version)
            {
                continue;
            }
            string op = part.Groups["op"].Value;
            bool wildcard = part.Groups["version"].Value.Contains('*', StringComparison.Ordinal);
            if (op is "==" or "===" or "=" or "" && !wildcard)
            {
                // conda's single '=' pins too (python=3.10 is some 3.10.x).
                exact = version;
                exactText = part.Groups["version"].Value;
            }
            else if (op is "==" or "===" or "=" or "~=" or ">=" or ">")
            {
                lowest = lowest is null || version > lowest ? version : lowest;
            }
        }
        return new PackagePin(name, exact, lowest, exactText, file);
    }

    public static string Normalize(string name) => Separators().Replace(name.Trim().ToLowerInvariant(), "-");

    /// <summary>The numeric part of a version (<c>1.56.0.post1</c> is 1.56.0; <c>3.10.*</c> is 3.10); null when there is none.</summary>
    public static Version? ParseVersion(string text)
    {
        Match match = Numeric().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }
        // Padded to three parts: System.Version orders 3.7 before 3.7.0, pip does not.
        var parts = new List<int>();
        foreach (string part in match.Value.Split('.').Take(3))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number))
            {
                return null;
            }
            parts.Add(number);
        }
        parts.AddRange([0, 0]);
        return new Version(parts[0], parts[1], parts[2]);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?<spec>.*)$")]
    private static partial Regex Requirement();

    [GeneratedRegex(@"^(?<op>===|==|~=|>=|<=|!=|=|>|<)?\s*(?<version>[0-9][0-9A-Za-z.*+!_-]*)$")]
    private static partial Regex Clause();

    [GeneratedRegex(@"^\d+(\.\d+)*")]
    private static partial Regex Numeric();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}
