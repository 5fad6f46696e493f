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
    public static PayloadColumn Create(string name, double[] values) => new Typed<double>(name, values);

    /// <summary>A column of floats (MLflow <c>float</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, float[] values) => new Typed<float>(name, values);

    /// <summary>A column of 64-bit integers (MLflow <c>long</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, long[] values) => new Typed<long>(name, values);

    /// <summary>A column of 32-bit integers (MLflow <c>integer</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, int[] values) => new Typed<int>(name, values);

    /// <summary>A column of booleans (MLflow <c>boolean</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, bool[] values) => new Typed<bool>(name, values);

    /// <summary>A column of strings (MLflow <c>string</c>); null values are written as null.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, string?[] values) => new Strings(name, values);

    /// <summary>Strings have no fixed size: <see cref="MaxRawBytes"/> reports this and the batch writer asks for room per value.</summary>
    internal const int RawStringBytes = 0;

    /// <summary>A column of timestamps (MLflow <c>datetime</c>), written in ISO 8601 as pandas reads them.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, DateTime[] values) => new Typed<DateTime>(name, values);

    /// <summary>A column of values of any supported type (numbers, booleans, strings, timestamps, null), boxed.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    public static PayloadColumn Create(string name, IReadOnlyList<object?> values) => new Boxed(name, values);

    /// <summary>
    /// A column whose values are read from records when the payload is written (<see cref="ScoringPayload.FromRecords{T}"/>):
    /// no copy of the values, and no boxing for <typeparamref name="TValue"/> of double, float, long, int, bool, DateTime or string.
    /// </summary>
    internal static PayloadColumn OfRecords<TRecord, TValue>(string name, IReadOnlyList<TRecord> records, Func<TRecord, TValue> read) =>
        typeof(TValue) == typeof(string)
            ? new RecordStrings<TRecord>(name, records, (Func<TRecord, string?>)(object)read)
            : new RecordValues<TRecord, TValue>(name, records, read);

    private delegate void ValueWriter<T>(Utf8JsonWriter writer, T value, ScoringPayload payload, ValueLocation at);

    /// <summary>What a typed column of <typeparamref name="T"/> is: its MLflow type, how the writer writes a value, the most raw bytes one takes.</summary>
    private static class Kind<T>
    {
        public static readonly string MlflowType = typeof(T) switch
        {
            _ when typeof(T) == typeof(double) => "double",
            _ when typeof(T) == typeof(float) => "float",
            _ when typeof(T) == typeof(long) => "long",
            _ when typeof(T) == typeof(int) => "integer",
            _ when typeof(T) == typeof(bool) => "boolean",
            _ when typeof(T) == typeof(DateTime) => "datetime",
            _ => throw new NotSupportedException($"No typed column for {typeof(T).Name}."),
        };

        /// <summary>-1 for types formatted only through the writer (timestamps).</summary>
        public static readonly int MaxRawBytes = typeof(T) switch
        {
            _ when typeof(T) == typeof(double) => JsonNumbers.MaxDoubleBytes,
            _ when typeof(T) == typeof(float) => JsonNumbers.MaxSingleBytes,
            _ when typeof(T) == typeof(long) => 20,
            _ when typeof(T) == typeof(int) => 11,
            _ when typeof(T) == typeof(bool) => 5,
            _ => -1,
        };

        public static readonly ValueWriter<T> Write = (ValueWriter<T>)(typeof(T) switch
        {
            _ when typeof(T) == typeof(double) => (object)(ValueWriter<double>)(static (w, v, p, at) => JsonNumbers.WriteDouble(w, v, p.NonFiniteNumbers, at)),
            _ when typeof(T) == typeof(float) => (ValueWriter<float>)(static (w, v, p, at) => JsonNumbers.WriteSingle(w, v, p.NonFiniteNumbers, at)),
            _ when typeof(T) == typeof(long) => (ValueWriter<long>)(static (w, v, _, _) => w.WriteNumberValue(v)),
            _ when typeof(T) == typeof(int) => (ValueWriter<int>)(static (w, v, _, _) => w.WriteNumberValue(v)),
            _ when typeof(T) == typeof(bool) => (ValueWriter<bool>)(static (w, v, _, _) => w.WriteBooleanValue(v)),
            _ => (ValueWriter<DateTime>)(static (w, v, _, _) => w.WriteStringValue(v)),
        });
    }

    /// <summary>
    /// Formats one value of a typed column as raw JSON text (see <see cref="TryFormatRaw"/>). One branch per element
    /// type, resolved when the JIT specializes the caller for value types.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TryFormatRawValue<T>(T value, Span<byte> destination, ScoringPayload payload, string name, int row, out int written)
    {
        if (Kind<T>.MaxRawBytes < 0 || destination.Length < Kind<T>.MaxRawBytes)
        {
            written = 0;
            return false;
        }
        if (typeof(T) == typeof(double))
        {
            written = JsonNumbers.FormatDouble((double)(object)value!, destination, payload.NonFiniteNumbers, new ValueLocation("Column", name, row));
            return true;
        }
        if (typeof(T) == typeof(float))
        {
            written = JsonNumbers.FormatSingle((float)(object)value!, destination, payload.NonFiniteNumbers, new ValueLocation("Column", name, row));
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

    private static void WriteString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

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

    /// <summary>Typed values in an array.</summary>
    private sealed class Typed<T>(string name, T[] values) : PayloadColumn(name)
    {
        private readonly T[] _values = values ?? throw new ArgumentNullException(nameof(values));

        public override int Count => _values.Length;

        public override string MlflowType => Kind<T>.MlflowType;

        internal override int MaxRawBytes => Kind<T>.MaxRawBytes;

        internal override double[]? DoubleValues => _values as double[];

        internal override void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload) =>
            Kind<T>.Write(writer, _values[row], payload, new ValueLocation("Column", Name, row));

        internal override bool TryFormatRaw(int row, Span<byte> destination, ScoringPayload payload, out int written) =>
            TryFormatRawValue(_values[row], destination, payload, Name, row, out written);

        internal override object? ValueAt(int row) => _values[row];
    }

    /// <summary>Typed values read from records as they are written (an array of records is read without an interface call).</summary>
    private sealed class RecordValues<TRecord, T>(string name, IReadOnlyList<TRecord> records, Func<TRecord, T> read) : PayloadColumn(name)
    {
        private readonly TRecord[]? _array = records as TRecord[];

        public override int Count => records.Count;

        public override string MlflowType => Kind<T>.MlflowType;

        internal override int MaxRawBytes => Kind<T>.MaxRawBytes;

        internal override void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload) =>
            Kind<T>.Write(writer, Read(row), payload, new ValueLocation("Column", Name, row));

        internal override bool TryFormatRaw(int row, Span<byte> destination, ScoringPayload payload, out int written) =>
            TryFormatRawValue(Read(row), destination, payload, Name, row, out written);

        internal override object? ValueAt(int row) => Read(row);

        private T Read(int row) => read(_array is { } array ? array[row] : records[row]);
    }

    /// <summary>Strings read from records as they are written.</summary>
    private sealed class RecordStrings<TRecord>(string name, IReadOnlyList<TRecord> records, Func<TRecord, string?> read) : PayloadColumn(name)
    {
        private readonly TRecord[]? _array = records as TRecord[];

        public override int Count => records.Count;

        public override string MlflowType => "string";

        internal override int MaxRawBytes => RawStringBytes;

        internal override bool HoldsStrings => true;

        internal override void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload) => WriteString(writer, Read(row));

        internal override bool TryFormatRaw(int row, Span<byte> destination, ScoringPayload payload, out int written) =>
            RawStrings.TryFormat(Read(row), destination, out written);

        internal override object? ValueAt(int row) => Read(row);

        private string? Read(int row) => read(_array is { } array ? array[row] : records[row]);
    }

    /// <summary>Strings (null written as null); a class of its own so the hot path has no shared-generic type checks.</summary>
    private sealed class Strings(string name, string?[] values) : PayloadColumn(name)
    {
        private readonly string?[] _values = values ?? throw new ArgumentNullException(nameof(values));

        public override int Count => _values.Length;

        public override string MlflowType => "string";

        internal override int MaxRawBytes => RawStringBytes;

        internal override bool HoldsStrings => true;

        internal override void WriteValue(Utf8JsonWriter writer, int row, ScoringPayload payload) => WriteString(writer, _values[row]);

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
