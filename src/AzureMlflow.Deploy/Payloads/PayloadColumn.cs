using System.Text.Json;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// One named column of a DataFrame payload, holding typed values (no boxing for the typed factories). Create with
/// <c>PayloadColumn.Create(name, values)</c> for <c>double[]</c>, <c>float[]</c>, <c>long[]</c>, <c>int[]</c>,
/// <c>bool[]</c>, <c>string[]</c> or <c>DateTime[]</c>.
/// </summary>
public abstract class PayloadColumn
{
    private protected PayloadColumn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>How many values (rows) the column has.</summary>
    public abstract int Count { get; }

    /// <summary>The MLflow type of the values: double, float, long, integer, boolean, string, datetime, or object for mixed values.</summary>
    public abstract string MlflowType { get; }

    /// <summary>A column of doubles (MLflow <c>double</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values; NaN and infinities follow <see cref="ScoringPayload.NonFiniteNumbers"/>.</param>
    public static PayloadColumn Create(string name, double[] values) => new Typed<double>(name, values, "double", static (w, v, p, at) => JsonNumbers.WriteDouble(w, v, p.NonFiniteNumbers, at));

    /// <summary>A column of floats (MLflow <c>float</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, float[] values) => new Typed<float>(name, values, "float", static (w, v, p, at) => JsonNumbers.WriteSingle(w, v, p.NonFiniteNumbers, at));

    /// <summary>A column of 64-bit integers (MLflow <c>long</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, long[] values) => new Typed<long>(name, values, "long", static (w, v, _, _) => w.WriteNumberValue(v));

    /// <summary>A column of 32-bit integers (MLflow <c>integer</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, int[] values) => new Typed<int>(name, values, "integer", static (w, v, _, _) => w.WriteNumberValue(v));

    /// <summary>A column of booleans (MLflow <c>boolean</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, bool[] values) => new Typed<bool>(name, values, "boolean", static (w, v, _, _) => w.WriteBooleanValue(v));

    /// <summary>A column of strings (MLflow <c>string</c>); null values are written as null.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, string?[] values) => new Typed<string?>(name, values, "string", static (w, v, _, _) =>
    {
        if (v is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(v);
        }
    });

    /// <summary>A column of timestamps (MLflow <c>datetime</c>), written in ISO 8601 as pandas reads them.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, DateTime[] values) => new Typed<DateTime>(name, values, "datetime", static (w, v, _, _) => w.WriteStringValue(v));

    /// <summary>A column of values of any supported type (numbers, booleans, strings, timestamps, null), boxed.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, IReadOnlyList<object?> values) => new Boxed(name, values);

    private delegate void ValueWriter<T>(Utf8JsonWriter writer, T value, ScoringPayload payload, ValueLocation at);

    internal abstract void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload);

    /// <summary>The value at <paramref name="row"/>, boxed (for validation and CSV, not for the hot path).</summary>
    internal abstract object? ValueAt(int row);

    /// <inheritdoc/>
    public override string ToString() => $"Column '{Name}' ({MlflowType}, {Count} values)";

    private sealed class Typed<T>(string name, T[] values, string mlflowType, ValueWriter<T> write) : PayloadColumn(name)
    {
        private readonly T[] _values = values ?? throw new ArgumentNullException(nameof(values));

        public override int Count => _values.Length;

        public override string MlflowType => mlflowType;

        internal override void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload) =>
            write(writer, _values[row], payload, new ValueLocation("Column", Name, row));

        internal override object? ValueAt(int row) => _values[row];
    }

    private sealed class Boxed(string name, IReadOnlyList<object?> values) : PayloadColumn(name)
    {
        private readonly IReadOnlyList<object?> _values = values ?? throw new ArgumentNullException(nameof(values));

        public override int Count => _values.Count;

        public override string MlflowType
        {
            get
            {
                var types = _values.Where(v => v is not null).Select(v => MlflowTypes.Of(v!.GetType())).Distinct().ToList();
                return types.Count == 1 ? types[0] : "object";
            }
        }

        internal override void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload) =>
            MlflowTypes.WriteBoxed(writer, _values[row], payload, new ValueLocation("Column", Name, row));

        internal override object? ValueAt(int row) => _values[row];
    }
}
