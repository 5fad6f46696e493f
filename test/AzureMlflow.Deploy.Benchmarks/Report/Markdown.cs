using System.Globalization;
using System.Text;

namespace AzureMlflow.Deploy.Benchmarks.Report;

/// <summary>
/// Builds summary.md: sections of tables whose target cells say "met", "not met", "within the spread" (repeated rounds
/// fall on both sides of the target) or "not measured", and the count of each.
/// </summary>
internal sealed class Markdown
{
    private readonly StringBuilder _text = new();

    public int Met { get; private set; }

    public int NotMet { get; private set; }

    public int WithinSpread { get; private set; }

    public int NotMeasured { get; private set; }

    public List<string> Unmet { get; } = [];

    public void Line(string line = "") => _text.AppendLine(line);

    public void Table(string[] headers, IEnumerable<string[]> rows)
    {
        _text.AppendLine("| " + string.Join(" | ", headers) + " |");
        _text.AppendLine("|" + string.Concat(headers.Select(_ => " --- |")));
        foreach (string[] row in rows)
        {
            _text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        _text.AppendLine();
    }

    /// <summary>A target cell: the value, then met / not met (counted), or "n/a" when it could not be measured.</summary>
    public string Target(string value, bool? met, string what)
    {
        if (met is null)
        {
            NotMeasured++;
            return value + " (not measured)";
        }
        if (met.Value)
        {
            Met++;
            return value + " met";
        }
        NotMet++;
        Unmet.Add(what);
        return value + " **not met**";
    }

    /// <summary>
    /// A target on a figure measured in several rounds, given as the range the rounds gave: met when the whole range meets
    /// it, not met when none of it does, and "within the spread" when the target lies inside the range, where this
    /// machine's run-to-run noise cannot tell.
    /// </summary>
    public string SpreadTarget(string value, double lowest, double highest, Func<double, bool> meets, string what)
    {
        if (double.IsNaN(lowest) || double.IsNaN(highest))
        {
            return Target(value, null, what);
        }
        bool low = meets(lowest), high = meets(highest);
        if (low != high)
        {
            WithinSpread++;
            return value + " within the spread";
        }
        return Target(value, low, what);
    }

    /// <summary>The headline: how many targets were met, not met, inside the spread and not measured.</summary>
    public string Headline => $"**Targets: {Met} met, {NotMet} not met, {WithinSpread} within the spread of repeated rounds, {NotMeasured} not measured.**";

    public override string ToString() => _text.ToString();

    public static string Ms(double nanoseconds) => double.IsNaN(nanoseconds) ? "n/a" : (nanoseconds / 1e6).ToString(nanoseconds >= 1e9 ? "N0" : "N1", CultureInfo.InvariantCulture) + " ms";

    public static string F(double value, string format = "F2") => double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Size(double bytes) => bytes >= 1 << 20 ? F(bytes / 1048576.0, "F1") + " MiB" : bytes >= 1024 ? F(bytes / 1024.0, "F1") + " KiB" : F(bytes, "F0") + " B";
}
