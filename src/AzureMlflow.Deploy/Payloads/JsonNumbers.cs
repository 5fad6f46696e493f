using System.Buffers.Text;
using System.Text.Json;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// Writes numbers the way Python's json module and pandas do, so bodies match what the Python SDK sends: floating
/// values always carry a decimal point or exponent (<c>1.0</c>, not <c>1</c>), keeping their type through pandas; the
/// shortest text that round-trips exactly.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>The most bytes one formatted double takes (<c>-1.2345678901234567E-308</c>) with room for an added <c>.0</c>.</summary>
    public const int MaxDoubleBytes = 28;

    /// <summary>The most bytes one formatted float takes, with room for an added <c>.0</c>.</summary>
    public const int MaxSingleBytes = 18;

    public static void WriteDouble(Utf8JsonWriter writer, double value, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (!double.IsFinite(value))
        {
            WriteNonFinite(writer, handling, where);
            return;
        }
        Span<byte> buffer = stackalloc byte[MaxDoubleBytes];
        writer.WriteRawValue(buffer[..FormatDouble(value, buffer)], skipInputValidation: true);
    }

    public static void WriteSingle(Utf8JsonWriter writer, float value, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (!float.IsFinite(value))
        {
            WriteNonFinite(writer, handling, where);
            return;
        }
        Span<byte> buffer = stackalloc byte[MaxSingleBytes];
        writer.WriteRawValue(buffer[..FormatSingle(value, buffer)], skipInputValidation: true);
    }

    /// <summary>Formats a double (or null for NaN and infinities, or throws, per <paramref name="handling"/>) into at least <see cref="MaxDoubleBytes"/> bytes.</summary>
    public static int FormatDouble(double value, Span<byte> destination, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (double.IsFinite(value))
        {
            return FormatDouble(value, destination);
        }
        return FormatNonFinite(destination, handling, where);
    }

    /// <summary>Formats a float (or null for NaN and infinities, or throws) into at least <see cref="MaxSingleBytes"/> bytes.</summary>
    public static int FormatSingle(float value, Span<byte> destination, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (float.IsFinite(value))
        {
            return FormatSingle(value, destination);
        }
        return FormatNonFinite(destination, handling, where);
    }

    /// <summary>The shortest round-trip text of a finite double, with <c>.0</c> added to integral values.</summary>
    public static int FormatDouble(double value, Span<byte> destination)
    {
        if (ShortestDouble.TryFormat(value, destination, out int written))
        {
            return written; // already with its ".0"
        }
        if (!Utf8Formatter.TryFormat(value, destination, out written))
        {
            throw new InvalidOperationException("The number buffer is too small."); // not reached: callers pass MaxDoubleBytes
        }
        return WithDecimalPoint(destination, written);
    }

    /// <summary>The shortest round-trip text of a finite float, with <c>.0</c> added to integral values.</summary>
    public static int FormatSingle(float value, Span<byte> destination)
    {
        if (ShortestDouble.TryFormat(value, destination, out int written))
        {
            return written;
        }
        if (!Utf8Formatter.TryFormat(value, destination, out written))
        {
            throw new InvalidOperationException("The number buffer is too small.");
        }
        return WithDecimalPoint(destination, written);
    }

    /// <summary>Adds ".0" when the text has neither a decimal point nor an exponent (the buffer has room for it).</summary>
    private static int WithDecimalPoint(Span<byte> buffer, int written)
    {
        if (buffer[..written].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            buffer[written++] = (byte)'.';
            buffer[written++] = (byte)'0';
        }
        return written;
    }

    private static int FormatNonFinite(Span<byte> destination, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (handling == NonFiniteNumberHandling.Throw)
        {
            throw NonFinite(where);
        }
        "null"u8.CopyTo(destination);
        return 4;
    }

    private static void WriteNonFinite(Utf8JsonWriter writer, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (handling == NonFiniteNumberHandling.Throw)
        {
            throw NonFinite(where);
        }
        writer.WriteNullValue();
    }

    private static PayloadValidationException NonFinite(ValueLocation where) =>
        new($"{where} is NaN or infinite, which JSON cannot carry. Clean the data, or set NonFiniteNumbers to WriteNull to send null.");
}
