using System.Globalization;
using System.Text.Json;
using AzureMlflow.Deploy.Mlflow;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>A DataFrame request: named, typed columns of equal length, written row by row without materializing rows.</summary>
public sealed class DataFramePayload : ScoringPayload
{
    private readonly PayloadColumn[] _columns;
    private readonly IReadOnlyList<long>? _index;
    private double[][]? _allDoubles; // empty: not all doubles; computed on first write (columns never change)

    internal DataFramePayload(IReadOnlyList<PayloadColumn> columns, IReadOnlyList<long>? index)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new PayloadValidationException("A DataFrame needs at least one column.");
        }
        _columns = [.. columns];
        RowCount = _columns[0].Count;
        foreach (PayloadColumn column in _columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (column.Count != RowCount)
            {
                throw new PayloadValidationException($"Column '{column.Name}' has {column.Count} values but column '{_columns[0].Name}' has {RowCount}; every column needs one value per row.");
            }
        }
        string? duplicate = _columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new PayloadValidationException($"Column '{duplicate}' appears more than once.");
        }
        if (index is not null && index.Count != RowCount)
        {
            throw new PayloadValidationException($"The index has {index.Count} entries but the DataFrame has {RowCount} rows.");
        }
        _index = index;
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<PayloadColumn> Columns => _columns;

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Split (default, order-preserving) or records orientation.</summary>
    public DataFrameOrientation Orientation { get; set; } = DataFrameOrientation.Split;

    /// <summary>A copy with a row index (written in split orientation; 0..n-1 when none is given).</summary>
    /// <param name="index">One label per row.</param>
    public DataFramePayload WithIndex(IReadOnlyList<long> index)
    {
        var copy = new DataFramePayload(_columns, index) { Orientation = Orientation, NonFiniteNumbers = NonFiniteNumbers };
        foreach ((string key, object? value) in Params)
        {
            copy.Params[key] = value;
        }
        return copy;
    }

    /// <summary>The same rows with the columns in <paramref name="order"/> (for example the signature's order); other columns are dropped.</summary>
    /// <param name="order">The column names in the wanted order.</param>
    public DataFramePayload SelectColumns(IEnumerable<string> order)
    {
        var byName = _columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var selected = order.Select(name => byName.TryGetValue(name, out PayloadColumn? column)
            ? column
            : throw new PayloadValidationException($"The DataFrame has no column '{name}'; it has {string.Join(", ", _columns.Select(c => c.Name))}.")).ToList();
        var copy = new DataFramePayload(selected, _index) { Orientation = Orientation, NonFiniteNumbers = NonFiniteNumbers };
        foreach ((string key, object? value) in Params)
        {
            copy.Params[key] = value;
        }
        return copy;
    }

    internal static DataFramePayload BuildFromRows(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var values = columns.Select(_ => new List<object?>()).ToArray();
        int rowNumber = 0;
        foreach (IReadOnlyList<object?> row in rows)
        {
            if (row is null || row.Count != columns.Count)
            {
                throw new PayloadValidationException($"Row {rowNumber} has {row?.Count ?? 0} values but there are {columns.Count} columns ({string.Join(", ", columns)}).");
            }
            for (int c = 0; c < columns.Count; c++)
            {
                values[c].Add(row[c]);
            }
            rowNumber++;
        }
        return new DataFramePayload(columns.Select((name, c) => PayloadColumn.Create(name, values[c])).ToList(), null);
    }

    private protected override string ServeKey => Orientation == DataFrameOrientation.Split ? "dataframe_split" : "dataframe_records";

    private protected override async ValueTask WriteInputAsync(Utf8JsonWriter writer, bool async, CancellationToken cancellationToken)
    {
        if (Orientation == DataFrameOrientation.Records)
        {
            writer.WriteStartArray();
            for (int row = 0; row < RowCount; row++)
            {
                writer.WriteStartObject();
                foreach (PayloadColumn column in _columns)
                {
                    writer.WritePropertyName(column.Name);
                    column.WriteValue(writer, row, this);
                }
                writer.WriteEndObject();
                await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
            }
            writer.WriteEndArray();
            return;
        }

        // The order of the documented example: columns, data, index.
        writer.WriteStartObject();
        writer.WritePropertyName("columns");
        writer.WriteStartArray();
        foreach (PayloadColumn column in _columns)
        {
            writer.WriteStringValue(column.Name);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("data");
        writer.WriteStartArray();
        if (CanWriteRaw(writer))
        {
            await WriteRowsRawAsync(writer, async, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            for (int row = 0; row < RowCount; row++)
            {
                WriteRow(writer, row);
                await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();
        writer.WritePropertyName("index");
        writer.WriteStartArray();
        await WriteIndexAsync(writer, async, cancellationToken).ConfigureAwait(false);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void WriteRow(Utf8JsonWriter writer, int row)
    {
        writer.WriteStartArray();
        foreach (PayloadColumn column in _columns)
        {
            column.WriteValue(writer, row, this);
        }
        writer.WriteEndArray();
    }

    /// <summary>Whether every column formats its own values (numbers, booleans, plain strings) for this writer.</summary>
    private bool CanWriteRaw(Utf8JsonWriter writer)
    {
        if (writer.Options.Indented)
        {
            return false; // raw text would not be indented
        }
        bool strings = RawStrings.Allowed(writer);
        foreach (PayloadColumn column in _columns)
        {
            if (column.MaxRawBytes < 0 || (column.HoldsStrings && !strings))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The most bytes a row of fixed-size values takes (strings count as nothing: they ask for room as they go).</summary>
    private int MaxRowBytes() => 2 + _columns.Sum(c => Math.Max(c.MaxRawBytes, 0) + 1);

    /// <summary>
    /// The rows as raw text in batches (see <see cref="RawBatch"/>); a row that cannot be written raw (a string that needs
    /// escaping, or longer than a batch) goes through the writer, so the bytes are the same either way.
    /// </summary>
    private async ValueTask WriteRowsRawAsync(Utf8JsonWriter writer, bool async, CancellationToken cancellationToken)
    {
        using var batch = new RawBatch(MaxRowBytes() * 4);
        for (int row = 0; row < RowCount; row++)
        {
            if (TryAppendRow(batch, row))
            {
                continue;
            }
            bool wasEmpty = batch.IsEmpty;
            batch.WriteTo(writer);
            await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
            if (wasEmpty || !TryAppendRow(batch, row))
            {
                WriteRow(writer, row);
            }
        }
        batch.WriteTo(writer);
        await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends <c>[v1,v2,...]</c> to the batch; false (and nothing kept) when it does not fit or a value cannot be written raw.</summary>
    private bool TryAppendRow(RawBatch batch, int row)
    {
        if (AllDoubles() is { } doubles)
        {
            return TryAppendDoubleRow(batch, doubles, row);
        }
        Span<byte> free = batch.Next(out int separator);
        if (free.Length < 2)
        {
            return false;
        }
        int at = 0;
        free[at++] = (byte)'[';
        for (int c = 0; c < _columns.Length; c++)
        {
            if (c > 0)
            {
                if (at >= free.Length)
                {
                    return false;
                }
                free[at++] = (byte)',';
            }
            if (!_columns[c].TryFormatRaw(row, free[at..], this, out int written))
            {
                return false;
            }
            at += written;
        }
        if (at >= free.Length)
        {
            return false;
        }
        free[at++] = (byte)']';
        batch.Commit(separator, at);
        return true;
    }

    /// <summary>The columns' arrays when every column holds doubles (the common numeric frame), else null; found once.</summary>
    private double[][]? AllDoubles()
    {
        if (_allDoubles is null)
        {
            double[][] arrays = new double[_columns.Length][];
            for (int c = 0; c < _columns.Length; c++)
            {
                if (_columns[c].DoubleValues is not { } values)
                {
                    _allDoubles = [];
                    return null;
                }
                arrays[c] = values;
            }
            _allDoubles = arrays;
        }
        return _allDoubles.Length == 0 ? null : _allDoubles;
    }

    /// <summary><see cref="TryAppendRow"/> for all-double frames: no per-value dispatch, the same bytes.</summary>
    private bool TryAppendDoubleRow(RawBatch batch, double[][] columns, int row)
    {
        Span<byte> free = batch.Next(out int separator);
        if (free.Length < (columns.Length * (JsonNumbers.MaxDoubleBytes + 1)) + 2)
        {
            return false;
        }
        int at = 0;
        free[at++] = (byte)'[';
        for (int c = 0; c < columns.Length; c++)
        {
            if (c > 0)
            {
                free[at++] = (byte)',';
            }
            double value = columns[c][row];
            at += double.IsFinite(value)
                ? JsonNumbers.FormatDouble(value, free[at..])
                : JsonNumbers.FormatDouble(value, free[at..], NonFiniteNumbers, new ValueLocation("Column", _columns[c].Name, row));
        }
        free[at++] = (byte)']';
        batch.Commit(separator, at);
        return true;
    }

    private async ValueTask WriteIndexAsync(Utf8JsonWriter writer, bool async, CancellationToken cancellationToken)
    {
        if (writer.Options.Indented)
        {
            for (int row = 0; row < RowCount; row++)
            {
                writer.WriteNumberValue(_index is null ? row : _index[row]);
            }
            return;
        }
        using var batch = new RawBatch();
        for (int row = 0; row < RowCount; row++)
        {
            Span<byte> free = batch.Next(out int separator);
            if (!System.Buffers.Text.Utf8Formatter.TryFormat(_index is null ? row : _index[row], free, out int written))
            {
                batch.WriteTo(writer);
                await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
                free = batch.Next(out separator);
                System.Buffers.Text.Utf8Formatter.TryFormat(_index is null ? row : _index[row], free, out written);
            }
            batch.Commit(separator, written);
        }
        batch.WriteTo(writer);
        await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>About how long the JSON is: formatted sample rows scaled to the row count, plus the exact index and the names.</summary>
    private protected override long EstimateJsonLength()
    {
        long names = _columns.Sum(c => (long)c.Name.Length + 4);
        long values;
        if (RowCount == 0)
        {
            values = 0;
        }
        else if (Orientation == DataFrameOrientation.Split && _columns.All(c => c.MaxRawBytes >= 0))
        {
            int samples = Math.Min(RowCount, 256);
            long sampled = 0;
            using var batch = new RawBatch(MaxRowBytes() * 4);
            for (int i = 0; i < samples; i++)
            {
                int row = (int)((long)i * RowCount / samples);
                if (TryAppendRow(batch, row))
                {
                    sampled += batch.Length + 1;
                }
                else
                {
                    sampled += MaxRowBytes(); // a string row that needs escaping: a generous guess
                }
                batch.Clear();
            }
            values = sampled * RowCount / samples;
        }
        else
        {
            values = (long)RowCount * _columns.Sum(c => (c.MaxRawBytes > 0 ? c.MaxRawBytes : 24) + (Orientation == DataFrameOrientation.Records ? c.Name.Length + 4 : 1));
        }
        long index = _index is null ? DigitsOfCount(RowCount) + RowCount : RowCount * 12L;
        return 64 + names + values + (Orientation == DataFrameOrientation.Split ? index : 0);
    }

    /// <summary>How many digits 0, 1, ..., count - 1 take together.</summary>
    private static long DigitsOfCount(long count)
    {
        long digits = 0;
        for (long low = 0, high = 10, width = 1; low < count; low = high, high *= 10, width++)
        {
            digits += (Math.Min(count, high) - low) * width;
        }
        return digits;
    }

    private protected override void ValidateInputs(MlflowSchema inputs) => SignatureChecks.DataFrame(this, inputs);

    /// <inheritdoc/>
    public override void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Join(',', _columns.Select(c => CsvReader.Quote(c.Name))));
        for (int row = 0; row < RowCount; row++)
        {
            for (int c = 0; c < _columns.Length; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }
                writer.Write(_columns[c].ValueAt(row) switch
                {
                    null => string.Empty,
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    float f => f.ToString("R", CultureInfo.InvariantCulture),
                    bool b => b ? "True" : "False",
                    DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    object other => CsvReader.Quote(other.ToString() ?? string.Empty),
                });
            }
            writer.WriteLine();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"DataFrame payload ({RowCount} rows x {_columns.Length} columns, {Orientation})";
}
