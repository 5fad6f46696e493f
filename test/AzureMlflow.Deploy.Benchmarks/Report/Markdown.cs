using System.Globalization;
using System.Text;

namespace AzureMlflow.Deploy.Benchmarks.Report;

/// <summary>Builds summary.md: sections of tables whose target cells say "met" or "not met", and the count of each.</summary>
internal sealed class Markdown
{
    private readonly StringBuilder _text = new();

    public int Met { get; private set; }

    public int NotMet { get; private set; }

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

    public override string ToString() => _text.ToString();

    public static string Ms(double nanoseconds) => double.IsNaN(nanoseconds) ? "n/a" : (nanoseconds / 1e6).ToString(nanoseconds >= 1e9 ? "N0" : "N1", CultureInfo.InvariantCulture) + " ms";

    public static string F(double value, string format = "F2") => double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Size(double bytes) => bytes >= 1 << 20 ? F(bytes / 1048576.0, "F1") + " MiB" : bytes >= 1024 ? F(bytes / 1024.0, "F1") + " KiB" : F(bytes, "F0") + " B";
}
