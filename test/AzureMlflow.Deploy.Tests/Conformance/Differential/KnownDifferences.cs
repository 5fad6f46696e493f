using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Conformance.Differential;

/// <summary>
/// The differences from Python's requests that the "Known differences from Python's client" table of
/// docs/emulator-fidelity.md lists, each
/// a pattern over difference lines (<c>*</c> stands for anything) with its reason and evidence. It remembers which rows
/// explained something, so a row no difference needs any more fails the suite.
/// </summary>
internal sealed partial class KnownDifferences
{
    private readonly List<(string Pattern, Regex Match)> _rows;
    private readonly HashSet<string> _used = [];

    private KnownDifferences(List<(string, Regex)> rows) => _rows = rows;

    [GeneratedRegex(@"^\| `(?<pattern>[^`]+)` \| [^|]+ \| [^|]+ \|\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();

    public static KnownDifferences FromDocs()
    {
        string page = File.ReadAllText(RepositoryPaths.Combine("docs", "emulator-fidelity.md"));
        int table = page.IndexOf("## Known differences from Python's client", StringComparison.Ordinal);
        Assert.That(table, Is.GreaterThanOrEqualTo(0), "docs/emulator-fidelity.md has the table of known differences from Python's client");
        string section = page[table..];
        int next = section.IndexOf("\n#", 5, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        return new KnownDifferences([.. Row().Matches(section).Select(m => m.Groups["pattern"].Value)
            .Select(p => (p, new Regex("^" + string.Join(".*", p.Split('*').Select(Regex.Escape)) + "$")))]);
    }

    public bool Explains(string difference)
    {
        foreach ((string pattern, Regex match) in _rows)
        {
            if (match.IsMatch(difference))
            {
                lock (_used)
                {
                    _used.Add(pattern);
                }
                return true;
            }
        }
        return false;
    }

    public IEnumerable<string> Unused
    {
        get
        {
            lock (_used)
            {
                return [.. _rows.Select(r => r.Pattern).Where(p => !_used.Contains(p))];
            }
        }
    }
}
