using System.Globalization;
using System.Text;

namespace AzureMlflow.Deploy.Emulator.Batch;

/// <summary>A CSV file read as the batch scoring driver reads it: a header row, then rows of fields (quotes honoured).</summary>
internal sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        records.Add([.. fields]);
                    }
                    fields.Clear();
                    break;
                default: field.Append(c); break;
            }
        }
        if (quoted)
        {
            throw new FormatException("A quoted field never closes.");
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        if (records.Count == 0)
        {
            throw new FormatException("The file is empty.");
        }
        string[] header = records[0];
        for (int r = 1; r < records.Count; r++)
        {
            if (records[r].Length != header.Length)
            {
                throw new FormatException($"Error tokenizing data. Expected {header.Length} fields in line {r + 1}, saw {records[r].Length}.");
            }
        }
        return new CsvTable(header, records.Skip(1).ToList());
    }

    /// <summary>What pandas' <c>read_csv</c> reads as missing by default (case-sensitive, as there).</summary>
    private static readonly HashSet<string> Missing = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    /// <summary>A cell as a number, as pandas would read it for a numeric column: missing cells are NaN, <c>inf</c> in any case an infinity.</summary>
    public static double Number(string cell, string column)
    {
        if (Missing.Contains(cell))
        {
            return double.NaN;
        }
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }
        bool negative = cell.StartsWith('-');
        string magnitude = negative || cell.StartsWith('+') ? cell[1..] : cell;
        if (magnitude.Equals("inf", StringComparison.OrdinalIgnoreCase) || magnitude.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        throw new FormatException($"could not convert string to float: '{cell}' (column {column})");
    }
}
