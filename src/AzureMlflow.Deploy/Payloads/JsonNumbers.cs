using System.Buffers;
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
    public static void WriteDouble(Utf8JsonWriter writer, double value, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (!double.IsFinite(value))
        {
            WriteNonFinite(writer, handling, where);
            return;
        }
        Span<byte> buffer = stackalloc byte[34];
        if (Utf8Formatter.TryFormat(value, buffer, out int written))
        {
            WriteWithDecimalPoint(writer, buffer, written);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }

    public static void WriteSingle(Utf8JsonWriter writer, float value, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (!float.IsFinite(value))
        {
            WriteNonFinite(writer, handling, where);
            return;
        }
        Span<byte> buffer = stackalloc byte[34];
        if (Utf8Formatter.TryFormat(value, buffer, out int written))
        {
            WriteWithDecimalPoint(writer, buffer, written);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }

    /// <summary>Writes the formatted number, adding ".0" when it has neither a decimal point nor an exponent (the buffer has room for it).</summary>
    private static void WriteWithDecimalPoint(Utf8JsonWriter writer, Span<byte> buffer, int written)
    {
        if (buffer[..written].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            buffer[written++] = (byte)'.';
            buffer[written++] = (byte)'0';
        }
        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }

    private static void WriteNonFinite(Utf8JsonWriter writer, NonFiniteNumberHandling handling, ValueLocation where)
    {
        if (handling == NonFiniteNumberHandling.Throw)
        {
            throw new PayloadValidationException($"{where} is NaN or infinite, which JSON cannot carry. Clean the data, or set NonFiniteNumbers to WriteNull to send null.");
        }
        writer.WriteNullValue();
    }
}
