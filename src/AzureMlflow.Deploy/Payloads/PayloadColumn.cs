using System.Buffers.Text;
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
    public static PayloadColumn Create(string name, double[] values) => new Typed<double>(name, values, "double", static (w, v, p, at) => JsonNumbers.WriteDouble(w, v, p.NonFiniteNumbers, at),
        JsonNumbers.MaxDoubleBytes);

    /// <summary>A column of floats (MLflow <c>float</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, float[] values) => new Typed<float>(name, values, "float", static (w, v, p, at) => JsonNumbers.WriteSingle(w, v, p.NonFiniteNumbers, at),
        JsonNumbers.MaxSingleBytes);

    /// <summary>A column of 64-bit integers (MLflow <c>long</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, long[] values) => new Typed<long>(name, values, "long", static (w, v, _, _) => w.WriteNumberValue(v),
        20);

    /// <summary>A column of 32-bit integers (MLflow <c>integer</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, int[] values) => new Typed<int>(name, values, "integer", static (w, v, _, _) => w.WriteNumberValue(v),
        11);

    /// <summary>A column of booleans (MLflow <c>boolean</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, bool[] values) => new Typed<bool>(name, values, "boolean", static (w, v, _, _) => w.WriteBooleanValue(v),
        5);

    /// <summary>A column of strings (MLflow <c>string</c>); null values are written as null.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, string?[] values) => new Strings(name, values);

    /// <summary>Strings have no fixed size: <see cref="MaxRawBytes"/> reports this and the batch writer asks for room per value.</summary>
    internal const int RawStringBytes = 0;

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

    /// <summary>
    /// The most bytes one value takes as raw JSON text (<see cref="RawStringBytes"/> for strings, whose size varies), or -1
    /// when the column's values are only written through the <see cref="Utf8JsonWriter"/> (timestamps, boxed values).
    /// </summary>
    internal virtual int MaxRawBytes => -1;

    /// <summary>Whether the column holds strings (raw only when the writer uses the default encoder).</summary>
    internal virtual bool HoldsStrings => false;

    /// <summary>
    /// Formats the value at <paramref name="row"/> as the exact bytes <see cref="WriteValue"/> writes; false when it does not
    /// fit in <paramref name="destination"/> or cannot be written raw (a string that needs escaping): the caller then uses <see cref="WriteValue"/>.
    /// </summary>
    internal virtual bool TryFormatRaw(int row, Span<byte> destination, ScoringPayload payload, out int written)
    {
        written = 0;
        return false;
    }

    /// <summary>The value at <paramref name="row"/>, boxed (for validation and CSV, not for the hot path).</summary>
    internal abstract object? ValueAt(int row);

    /// <summary>The values when the column holds doubles (for the all-double row writer), otherwise null.</summary>
    internal virtual double[]? DoubleValues => null;

    /// <inheritdoc/>
    public override string ToString() => $"Column '{Name}' ({MlflowType}, {Count} values)";

    /// <summary>Typed values; <paramref name="maxRawBytes"/> is -1 for types formatted only through the writer (timestamps).</summary>
    private sealed class Typed<T>(string name, T[] values, string mlflowType, ValueWriter<T> write, int maxRawBytes = -1) : PayloadColumn(name)
    {
        private readonly T[] _values = values ?? throw new ArgumentNullException(nameof(values));

        public override int Count => _values.Length;

        public override string MlflowType => mlflowType;

        internal override int MaxRawBytes => maxRawBytes;

        internal override double[]? DoubleValues => _values as double[];

        internal override bool HoldsStrings => typeof(T) == typeof(string);

        internal override void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload) =>
            write(writer, _values[row], payload, new ValueLocation("Column", Name, row));

        internal override bool TryFormatRaw(int row, Span<byte> destination, ScoringPayload payload, out int written)
        {
            if (maxRawBytes < 0 || destination.Length < maxRawBytes)
            {
                written = 0;
                return false;
            }
            // One branch per element type, resolved when the JIT specializes this class for value types.
            T value = _values[row];
            if (typeof(T) == typeof(double))
            {
                written = JsonNumbers.FormatDouble((double)(object)value!, destination, payload.NonFiniteNumbers, new ValueLocation("Column", Name, row));
                return true;
            }
            if (typeof(T) == typeof(float))
            {
                written = JsonNumbers.FormatSingle((float)(object)value!, destination, payload.NonFiniteNumbers, new ValueLocation("Column", Name, row));
                return true;
            }
            if (typeof(T) == typeof(long))
            {
                return Utf8Formatter.TryFormat((long)(object)value!, destination, out written);
            }
            if (typeof(T) == typeof(int))
            {
                return Utf8Formatter.TryFormat((int)(object)value!, destination, out written);
            }
            if (typeof(T) == typeof(bool))
            {
                return RawStrings.TryFormat((bool)(object)value!, destination, out written);
            }
            written = 0;
            return false;
        }

        internal override object? ValueAt(int row) => _values[row];
    }

    /// <summary>Strings (null written as null); a class of its own so the hot path has no shared-generic type checks.</summary>
    private sealed class Strings(string name, string?[] values) : PayloadColumn(name)
    {
        private readonly string?[] _values = values ?? throw new ArgumentNullException(nameof(values));

        public override int Count => _values.Length;

        public override string MlflowType => "string";

        internal override int MaxRawBytes => RawStringBytes;

        internal override bool HoldsStrings => true;

        internal override void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload)
        {
            if (_values[row] is { } text)
            {
                writer.WriteStringValue(text);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        internal override bool TryFormatRaw(int row, Span<byte> destination, ScoringPayload payload, out int written) =>
            RawStrings.TryFormat(_values[row], destination, out written);

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
