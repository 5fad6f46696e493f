using System.Buffers.Binary;
using System.Numerics;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// Decimal digits as ASCII, eight per 64-bit store: the last step of the shortest text of doubles and floats. Writers
/// need room past the digits: a store may scribble up to 8 bytes beyond them. (Small integers are faster through
/// <c>Utf8Formatter</c>'s table of digit pairs.)
/// </summary>
internal static class DecimalDigits
{
    /// <summary>
    /// Writes the <paramref name="length"/> digits of <paramref name="value"/> at the start of <paramref name="text"/>,
    /// eight per store (a short first group is shifted into place); up to 8 bytes past the digits may be overwritten.
    /// </summary>
    public static void Write(ulong value, int length, Span<byte> text)
    {
        if (length <= 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(text, EightDigits((uint)value) >> (8 * (8 - length)));
            return;
        }
        ulong high = value / 100_000_000;
        uint low = (uint)(value - (high * 100_000_000));
        int first = length - 8;
        if (first > 8)
        {
            ulong top = high / 100_000_000;
            first -= 8;
            BinaryPrimitives.WriteUInt64LittleEndian(text, EightDigits((uint)top) >> (8 * (8 - first)));
            BinaryPrimitives.WriteUInt64LittleEndian(text[first..], EightDigits((uint)(high - (top * 100_000_000))));
            first += 8;
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(text, EightDigits((uint)high) >> (8 * (8 - first)));
        }
        BinaryPrimitives.WriteUInt64LittleEndian(text[first..], EightDigits(low));
    }

    /// <summary>How many decimal digits a non-zero value has.</summary>
    public static int Length(ulong value)
    {
        // log10 from log2 (1233/4096 ~ log10(2)), corrected by one comparison.
        int guess = ((64 - BitOperations.LeadingZeroCount(value | 1)) * 1233) >> 12;
        return guess + (value >= PowersOf10[guess] ? 1 : 0);
    }

    /// <summary>
    /// The eight ASCII digits of <paramref name="value"/> (below 10^8, zero-padded), first digit in the lowest byte. It is
    /// split into halves of four, then pairs, then digits, each step on all lanes of one 64-bit number at once
    /// (<c>x * 10486 &gt;&gt; 20</c> is <c>x / 100</c> below 10^4, <c>x * 103 &gt;&gt; 10</c> is <c>x / 10</c> below 100).
    /// </summary>
    private static ulong EightDigits(uint value)
    {
        ulong upper = value / 10_000;
        ulong lanes = upper | ((value - (upper * 10_000)) << 32);
        ulong hundreds = ((lanes * 10486) >> 20) & 0x0000_007F_0000_007F;
        lanes = hundreds | ((lanes - (hundreds * 100)) << 16);
        ulong tens = ((lanes * 103) >> 10) & 0x000F_000F_000F_000F;
        lanes = tens | ((lanes - (tens * 10)) << 8);
        return lanes | 0x3030_3030_3030_3030;
    }

    private static ReadOnlySpan<ulong> PowersOf10 =>
    [
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000, 1000000000000,
        10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000, 10000000000000000000,
    ];
}
