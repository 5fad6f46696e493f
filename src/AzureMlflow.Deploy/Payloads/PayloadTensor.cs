using System.Runtime.InteropServices;
using System.Text.Json;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>A tensor for a request: row-major values of one numeric type (or bool), a shape, and an optional name.</summary>
public abstract class PayloadTensor
{
    private protected PayloadTensor(string? name, int[] shape)
    {
        Name = name;
        Shape = shape;
    }

    /// <summary>The tensor's name, for named-tensor inputs.</summary>
    public string? Name { get; }

    /// <summary>The shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The numpy dtype of the values (<c>float32</c>, <c>float64</c>, <c>int64</c>, <c>uint8</c>, ...).</summary>
    public abstract string DType { get; }

    /// <summary>A tensor from row-major values and a shape.</summary>
    /// <typeparam name="T">A numeric type or bool.</typeparam>
    /// <param name="name">The name, or null for a single unnamed tensor.</param>
    /// <param name="values">The values.</param>
    /// <param name="shape">The shape; its product must equal the number of values.</param>
    public static PayloadTensor Create<T>(string? name, ReadOnlySpan<T> values, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 || shape.Any(d => d < 0))
        {
            throw new PayloadValidationException($"Tensor shape [{string.Join(", ", shape)}] is invalid: give every dimension as a non-negative size.");
        }
        long size = shape.Aggregate(1L, (product, d) => product * d);
        if (size != values.Length)
        {
            throw new PayloadValidationException($"Tensor shape [{string.Join(", ", shape)}] holds {size} values but {values.Length} were given.");
        }
        _ = MlflowTypes.DType(typeof(T));
        return new Typed<T>(name, values.ToArray(), (int[])shape.Clone());
    }

    /// <summary>A tensor from a rectangular array of any rank, or a jagged array (which must not be ragged).</summary>
    /// <param name="name">The name, or null.</param>
    /// <param name="values">The array.</param>
    public static PayloadTensor FromArray(string? name, Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var shape = new List<int>();
        Type element = values.GetType();
        Array? level = values;
        while (element.IsArray)
        {
            if (element.GetArrayRank() > 1 || level is null)
            {
                for (int d = 0; d < values.Rank; d++)
                {
                    shape.Add(values.GetLength(d));
                }
                element = element.GetElementType()!;
                break;
            }
            shape.Add(level.Length);
            element = element.GetElementType()!;
            level = level.Length > 0 ? level.GetValue(0) as Array : null;
        }
        if (values.Rank > 1 || !values.GetType().GetElementType()!.IsArray)
        {
            // A rectangular array's elements are contiguous: view them as a span, no copy per element, no boxing.
            return element switch
            {
                var t when t == typeof(float) => Create(name, Contiguous<float>(values), [.. shape]),
                var t when t == typeof(double) => Create(name, Contiguous<double>(values), [.. shape]),
                var t when t == typeof(long) => Create(name, Contiguous<long>(values), [.. shape]),
                var t when t == typeof(int) => Create(name, Contiguous<int>(values), [.. shape]),
                var t when t == typeof(byte) => Create(name, Contiguous<byte>(values), [.. shape]),
                var t when t == typeof(bool) => Create(name, Contiguous<bool>(values), [.. shape]),
                _ => throw new PayloadValidationException($"Tensors of {element.Name} are not supported; use float, double, long, int, byte or bool."),
            };
        }
        var flat = new List<object>();
        Flatten(values, shape, 0, flat);
        return element switch
        {
            var t when t == typeof(float) => Create(name, flat.Cast<float>().ToArray().AsSpan(), [.. shape]),
            var t when t == typeof(double) => Create(name, flat.Cast<double>().ToArray().AsSpan(), [.. shape]),
            var t when t == typeof(long) => Create(name, flat.Cast<long>().ToArray().AsSpan(), [.. shape]),
            var t when t == typeof(int) => Create(name, flat.Cast<int>().ToArray().AsSpan(), [.. shape]),
            var t when t == typeof(byte) => Create(name, flat.Cast<byte>().ToArray().AsSpan(), [.. shape]),
            var t when t == typeof(bool) => Create(name, flat.Cast<bool>().ToArray().AsSpan(), [.. shape]),
            _ => throw new PayloadValidationException($"Tensors of {element.Name} are not supported; use float, double, long, int, byte or bool."),
        };
    }

    private static ReadOnlySpan<T> Contiguous<T>(Array array) where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref System.Runtime.CompilerServices.Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

    private static void Flatten(Array array, List<int> shape, int depth, List<object> flat)
    {
        if (array.Length != shape[depth])
        {
            throw new PayloadValidationException($"The jagged array is ragged: dimension {depth} has {array.Length} entries where {shape[depth]} were expected.");
        }
        foreach (object? item in array)
        {
            if (depth + 1 < shape.Count)
            {
                Flatten(item as Array ?? throw new PayloadValidationException("The jagged array has a null row."), shape, depth + 1, flat);
            }
            else
            {
                flat.Add(item!);
            }
        }
    }

    internal abstract int Length { get; }

    internal abstract void WriteValue(Utf8JsonWriter writer, int index, ScoringPayload payload);

    /// <summary>The most bytes one value takes as raw JSON text.</summary>
    internal abstract int MaxRawBytes { get; }

    /// <summary>Formats the value at <paramref name="index"/> as the exact bytes <see cref="WriteValue"/> writes; false when it does not fit.</summary>
    internal abstract bool TryFormatRaw(int index, Span<byte> destination, ScoringPayload payload, out int written);

    /// <summary>Formats the innermost list <c>[v,v,...]</c> of <paramref name="count"/> values from flat <paramref name="offset"/>; -1 when it may not fit.</summary>
    internal abstract int FormatList(int offset, int count, Span<byte> destination, ScoringPayload payload);

    /// <inheritdoc/>
    public override string ToString() => $"Tensor{(Name is null ? "" : $" '{Name}'")} {DType}[{string.Join(", ", Shape)}]";

    private sealed class Typed<T>(string? name, T[] values, int[] shape) : PayloadTensor(name, shape) where T : unmanaged
    {
        public override string DType { get; } = MlflowTypes.DType(typeof(T));

        internal override int Length => values.Length;

        internal override int MaxRawBytes =>
            typeof(T) == typeof(double) ? JsonNumbers.MaxDoubleBytes : typeof(T) == typeof(float) ? JsonNumbers.MaxSingleBytes : 21;

        internal override int FormatList(int offset, int count, Span<byte> destination, ScoringPayload payload)
        {
            if (destination.Length < ((long)count * (MaxRawBytes + 1)) + 2)
            {
                return -1;
            }
            int at = 0;
            destination[at++] = (byte)'[';
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    destination[at++] = (byte)',';
                }
                if (typeof(T) == typeof(float) && float.IsFinite((float)(object)values[offset + i]))
                {
                    at += JsonNumbers.FormatSingle((float)(object)values[offset + i], destination[at..]); // the common case, without dispatch
                }
                else if (typeof(T) == typeof(double) && double.IsFinite((double)(object)values[offset + i]))
                {
                    at += JsonNumbers.FormatDouble((double)(object)values[offset + i], destination[at..]);
                }
                else
                {
                    TryFormatRaw(offset + i, destination[at..], payload, out int written);
                    at += written;
                }
            }
            destination[at++] = (byte)']';
            return at;
        }

        internal override bool TryFormatRaw(int index, Span<byte> destination, ScoringPayload payload, out int written)
        {
            if (destination.Length < MaxRawBytes)
            {
                written = 0;
                return false;
            }
            T value = values[index];
            if (typeof(T) == typeof(float))
            {
                written = JsonNumbers.FormatSingle((float)(object)value, destination, payload.NonFiniteNumbers, new ValueLocation("Tensor", Name, index));
                return true;
            }
            if (typeof(T) == typeof(double))
            {
                written = JsonNumbers.FormatDouble((double)(object)value, destination, payload.NonFiniteNumbers, new ValueLocation("Tensor", Name, index));
                return true;
            }
            if (typeof(T) == typeof(bool))
            {
                return RawStrings.TryFormat((bool)(object)value, destination, out written);
            }
            if (typeof(T) == typeof(ulong))
            {
                return System.Buffers.Text.Utf8Formatter.TryFormat((ulong)(object)value, destination, out written);
            }
            // Every other element type is an integer that fits a long (int, long, short, sbyte, byte, ushort, uint).
            long integer = typeof(T) == typeof(int) ? (int)(object)value
                : typeof(T) == typeof(long) ? (long)(object)value
                : typeof(T) == typeof(byte) ? (byte)(object)value
                : typeof(T) == typeof(short) ? (short)(object)value
                : typeof(T) == typeof(sbyte) ? (sbyte)(object)value
                : typeof(T) == typeof(ushort) ? (ushort)(object)value
                : (uint)(object)value;
            return System.Buffers.Text.Utf8Formatter.TryFormat(integer, destination, out written);
        }

        internal override void WriteValue(Utf8JsonWriter writer, int index, ScoringPayload payload)
        {
            T value = values[index];
            if (typeof(T) == typeof(float))
            {
                JsonNumbers.WriteSingle(writer, (float)(object)value, payload.NonFiniteNumbers, new ValueLocation("Tensor", Name, index));
            }
            else if (typeof(T) == typeof(double))
            {
                JsonNumbers.WriteDouble(writer, (double)(object)value, payload.NonFiniteNumbers, new ValueLocation("Tensor", Name, index));
            }
            else if (typeof(T) == typeof(bool))
            {
                writer.WriteBooleanValue((bool)(object)value);
            }
            else if (typeof(T) == typeof(long))
            {
                writer.WriteNumberValue((long)(object)value);
            }
            else if (typeof(T) == typeof(int))
            {
                writer.WriteNumberValue((int)(object)value);
            }
            else if (typeof(T) == typeof(byte))
            {
                writer.WriteNumberValue((byte)(object)value);
            }
            else
            {
                MlflowTypes.WriteBoxed(writer, value, payload, new ValueLocation("Tensor", Name, index));
            }
        }
    }
}
