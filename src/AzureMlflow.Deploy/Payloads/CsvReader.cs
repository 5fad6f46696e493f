using System.Globalization;
using System.Text;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>Reads CSV (RFC 4180: quoted fields, doubled quotes, embedded newlines) with a header row into typed columns.</summary>
internal static class CsvReader
{
    public static DataFramePayload Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        List<string>? header = ReadRecord(reader, 1);
        if (header is null)
        {
            throw new PayloadValidationException("The CSV is empty; it needs a header row with the column names.");
        }
        var cells = header.Select(_ => new List<string>()).ToArray();
        int line = 2;
        for (List<string>? record = ReadRecord(reader, line); record is not null; record = ReadRecord(reader, ++line))
        {
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue; // a blank line
            }
            if (record.Count != header.Count)
            {
                throw new PayloadValidationException($"CSV record {line - 1} has {record.Count} fields but the header has {header.Count} ({string.Join(", ", header)}).");
            }
            for (int c = 0; c < header.Count; c++)
            {
                cells[c].Add(record[c]);
            }
        }
        return new DataFramePayload(header.Select((name, c) => Column(name, cells[c])).ToList(), null);
    }

    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The cells pandas' <c>read_csv</c> reads as missing by default (case-sensitive, as there).</summary>
    private static readonly HashSet<string> MissingCells = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    private static PayloadColumn Column(string name, List<string> values)
    {
        var doubles = new double[values.Count];
        bool numeric = true;
        for (int i = 0; i < values.Count && numeric; i++)
        {
            numeric = TryParseNumber(values[i], out doubles[i]);
        }
        if (numeric)
        {
            return PayloadColumn.Create(name, doubles);
        }
        if (values.All(v => bool.TryParse(v, out _)))
        {
            return PayloadColumn.Create(name, values.Select(bool.Parse).ToArray());
        }
        return PayloadColumn.Create(name, values.Select(v => MissingCells.Contains(v) ? null : v).ToArray());
    }

    /// <summary>A number as pandas reads one: missing cells are NaN, and <c>inf</c>/<c>-inf</c> (what pandas writes) are infinities in any case.</summary>
    private static bool TryParseNumber(string cell, out double value)
    {
        if (MissingCells.Contains(cell))
        {
            value = double.NaN;
            return true;
        }
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        ReadOnlySpan<char> text = cell.AsSpan();
        bool negative = text.StartsWith("-");
        ReadOnlySpan<char> magnitude = negative || text.StartsWith("+") ? text[1..] : text;
        if (magnitude.Equals("inf", StringComparison.OrdinalIgnoreCase) || magnitude.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>One record (possibly spanning lines inside quotes), or null at the end.</summary>
    private static List<string>? ReadRecord(TextReader reader, int record)
    {
        int next = reader.Peek();
        if (next < 0)
        {
            return null;
        }
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                if (quoted)
                {
                    throw new PayloadValidationException($"CSV record {record} has a quoted field that never closes.");
                }
                fields.Add(field.ToString());
                return fields;
            }
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    return fields;
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }
}
