using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>
/// Deliberate differences from the recorded service: regular expressions over difference lines, each with the reason it
/// is deliberate. It remembers which entries explained something, so a test can require that every entry is still needed.
/// </summary>
internal sealed class Allowlist((string Pattern, string Why)[] entries)
{
    private readonly HashSet<string> _used = [];
    private int _runs;

    public IReadOnlyList<(string Pattern, string Why)> Entries => entries;

    public bool Explains(string difference)
    {
        foreach ((string pattern, _) in entries)
        {
            if (Regex.IsMatch(difference, pattern))
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

    /// <summary>Counts a scenario that was checked against this list.</summary>
    public void ScenarioRan() => Interlocked.Increment(ref _runs);

    /// <summary>
    /// Fails when an entry explained nothing although all <paramref name="scenarios"/> ran; when only some ran (a
    /// filtered run), there is nothing to conclude.
    /// </summary>
    public void AssertEveryEntryIsNeeded(int scenarios)
    {
        if (Volatile.Read(ref _runs) < scenarios)
        {
            Assert.Ignore($"Only {_runs} of {scenarios} scenarios ran; run them all to check the allowlist.");
        }
        Assert.That(Unused, Is.Empty, "allowlist entries that no difference needs any more");
    }

    /// <summary>Entries that explained nothing (meaningful once every scenario has run).</summary>
    public IEnumerable<string> Unused
    {
        get
        {
            lock (_used)
            {
                return [.. entries.Select(e => e.Pattern).Where(p => !_used.Contains(p))];
            }
        }
    }
}
