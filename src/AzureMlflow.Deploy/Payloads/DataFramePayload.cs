using System.Globalization;
using System.Text.Json;
using AzureMlflow.Deploy.Mlflow;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>A DataFrame request: named, typed columns of equal length, written row by row without materializing rows.</summary>
public sealed class DataFramePayload : ScoringPayload
{
    private readonly PayloadColumn[] _columns;
    private readonly IReadOnlyList<long>? _index;

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
        for (int row = 0; row < RowCount; row++)
        {
            writer.WriteStartArray();
            foreach (PayloadColumn column in _columns)
            {
                column.WriteValue(writer, row, this);
            }
            writer.WriteEndArray();
            await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("index");
        writer.WriteStartArray();
        for (int row = 0; row < RowCount; row++)
        {
            writer.WriteNumberValue(_index is null ? row : _index[row]);
            if ((row & 4095) == 0)
            {
                await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
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
