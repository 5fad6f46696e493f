using System.Text.Encodings.Web;
using System.Text.Json;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// Raw JSON text for values whose bytes are known without a <see cref="Utf8JsonWriter"/>: booleans, null, and strings of
/// printable ASCII that the writer's default encoder leaves as they are. Anything else (characters that need escaping,
/// non-ASCII text) is left to the writer, so the bytes are always exactly what the writer would produce.
/// </summary>
internal static class RawStrings
{
    /// <summary>For each ASCII character, whether the default encoder writes it unescaped (found from the encoder itself, not assumed).</summary>
    private static readonly bool[] Plain = BuildPlain();

    public static bool TryFormat(bool value, Span<byte> destination, out int written)
    {
        ReadOnlySpan<byte> text = value ? "true"u8 : "false"u8;
        written = text.TryCopyTo(destination) ? text.Length : 0;
        return written > 0;
    }

    public static bool TryFormat(string? value, Span<byte> destination, out int written)
    {
        written = 0;
        if (value is null)
        {
            if (!"null"u8.TryCopyTo(destination))
            {
                return false;
            }
            written = 4;
            return true;
        }
        if (value.Length + 2 > destination.Length)
        {
            return false;
        }
        destination[0] = (byte)'"';
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 128 || !Plain[c])
            {
                return false;
            }
            destination[i + 1] = (byte)c;
        }
        destination[value.Length + 1] = (byte)'"';
        written = value.Length + 2;
        return true;
    }

    /// <summary>Whether strings can be written raw for this writer: only with the default encoder (a custom one may escape more).</summary>
    public static bool Allowed(Utf8JsonWriter writer) => writer.Options.Encoder is null || ReferenceEquals(writer.Options.Encoder, JavaScriptEncoder.Default);

    private static bool[] BuildPlain()
    {
        var plain = new bool[128];
        Span<char> one = stackalloc char[1];
        for (int c = 0x20; c < 0x7F; c++)
        {
            one[0] = (char)c;
            plain[c] = JsonEncodedText.Encode(one).EncodedUtf8Bytes.Length == 1;
        }
        return plain;
    }
}
