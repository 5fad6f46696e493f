using System.Numerics;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// Shortest round-trip formatting of doubles and floats, several times faster than the runtime's formatter, which a
/// payload spends most of its time in. It is Ryu (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018): the
/// shortest digits that parse back to the same value, and of those the closest (ties to even), the same digits the
/// runtime produces. The text follows <c>Utf8Formatter</c>'s layout exactly; values it would print in exponent notation
/// (below 1e-4 or from 1e15 for doubles, outside 1e-4 to 1e7 for floats), zeros and subnormals are left to it
/// (<see cref="TryFormat(double, Span{byte}, out int)"/> returns false). Integral values get <c>.0</c>, as <see cref="JsonNumbers"/> writes them. The multiplier tables are computed once with
/// <see cref="BigInteger"/> rather than pasted.
/// </summary>
internal static class ShortestDouble
{
    private const int Pow5InverseBits = 125;
    private const int Pow5Bits = 125;
    private const int InverseTableSize = 342;
    private const int TableSize = 326;

    // Each entry is a 125-bit number as (low, high) 64-bit halves.
    private static readonly ulong[] Pow5InverseSplit = BuildInverse();
    private static readonly ulong[] Pow5Split = BuildSplit();

    // The room each needs: the longest text ("-0.000" and 17 digits for doubles, 9 for floats) plus the overhang of the
    // eight-byte digit stores.
    private const int DoubleRoom = 26;
    private const int SingleRoom = 16;

    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        ulong mantissa = bits & ((1UL << 52) - 1);
        uint exponent = (uint)(bits >> 52) & 0x7FF;
        written = 0;
        if (exponent == 0 || exponent == 0x7FF || destination.Length < DoubleRoom)
        {
            return false; // zero, subnormal, NaN, infinity: the runtime's formatter handles them
        }
        double magnitude = Math.Abs(value);
        // One multiply and compare rules out full-precision values; values with up to six decimals, the usual shape of
        // measured data, then skip the interval arithmetic.
        double scaled = magnitude * 1e6;
        if (scaled == Math.Floor(scaled) && TryFormatExact((long)bits < 0, magnitude, scaled, destination, out written))
        {
            return true;
        }
        (ulong digits, int e10) = Shortest(mantissa | (1UL << 52), (int)exponent - 1023 - 52 - 2, mantissa != 0 || exponent <= 1);
        return TryLayout((long)bits < 0, digits, e10, 15, destination, out written);
    }

    /// <summary>
    /// The shortest text of an integral value below 2^53 (Ryu's small-integer case), or of a value with at most six decimals
    /// whose scaled value <c>n = |value| * 10^6</c> is an integer below 2^50 with <c>n / 10^6 == |value|</c>. That test
    /// proves <c>n * 10^-6</c> parses back to the value (an IEEE division of exact operands is the nearest double to the
    /// exact quotient, as parsing is). Below 2^50 the rounding interval is narrower than a quarter unit of <c>n</c>, so no
    /// other decimal with six or fewer decimals lies in it: <c>n</c> without its trailing zeros is the shortest (and the
    /// only) one, the digits Ryu would find. Kept out of line so full-precision values pay only for the test.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool TryFormatExact(bool negative, double magnitude, double scaled, Span<byte> destination, out int written)
    {
        ulong integer;
        int e10;
        if (magnitude < 9007199254740992.0 && magnitude == Math.Floor(magnitude))
        {
            integer = (ulong)magnitude;
            e10 = 0;
        }
        else if (scaled < 1125899906842624.0 && scaled / 1e6 == magnitude)
        {
            integer = (ulong)scaled;
            e10 = -6;
        }
        else
        {
            written = 0;
            return false;
        }
        // At most 15 trailing zeros (the integer is below 10^16 and not zero): drop 8, 4, 2 and 1 of them as they fit.
        DropZeros(ref integer, ref e10, 100_000_000, 8);
        DropZeros(ref integer, ref e10, 10_000, 4);
        DropZeros(ref integer, ref e10, 100, 2);
        DropZeros(ref integer, ref e10, 10, 1);
        return TryLayout(negative, integer, e10, 15, destination, out written);
    }

    /// <summary>Drops <paramref name="count"/> trailing zeros (<paramref name="scale"/> = 10^count) when the integer has them.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void DropZeros(ref ulong integer, ref int e10, ulong scale, int count)
    {
        if (integer % scale == 0)
        {
            integer /= scale;
            e10 += count;
        }
    }

    public static bool TryFormat(float value, Span<byte> destination, out int written)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint mantissa = bits & ((1U << 23) - 1);
        uint exponent = (bits >> 23) & 0xFF;
        written = 0;
        if (exponent == 0 || exponent == 0xFF || destination.Length < SingleRoom)
        {
            return false;
        }
        (ulong digits, int e10) = Shortest(mantissa | (1UL << 23), (int)exponent - 127 - 23 - 2, mantissa != 0 || exponent <= 1);
        return TryLayout((int)bits < 0, digits, e10, 7, destination, out written);
    }

    /// <summary>
    /// Ryu's core for a normal binary value <c>m2 * 2^(e2 + 2)</c> (e2 already includes the -2 for the halfway points):
    /// the shortest decimal <c>digits * 10^e10</c> inside the rounding interval.
    /// </summary>
    private static (ulong Digits, int Exponent) Shortest(ulong m2, int e2, bool mmShiftIsOne)
    {
        bool acceptBounds = (m2 & 1) == 0;
        ulong mv = 4 * m2;
        uint mmShift = mmShiftIsOne ? 1u : 0u;
        ulong vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false, vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            int q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = Pow5InverseBits + Pow5BitCount(q) - 1;
            int i = -e2 + q + k;
            ulong low = Pow5InverseSplit[2 * q], high = Pow5InverseSplit[(2 * q) + 1];
            vr = MulShiftAll(m2, low, high, i, mmShift, out vp, out vm);
            if (q <= 21)
            {
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                }
                else
                {
                    vp -= MultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
                }
            }
        }
        else
        {
            int q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = Pow5BitCount(i) - Pow5Bits;
            int j = q - k;
            ulong low = Pow5Split[2 * i], high = Pow5Split[(2 * i) + 1];
            vr = MulShiftAll(m2, low, high, j, mmShift, out vp, out vm);
            if (q <= 1)
            {
                vrIsTrailingZeros = true;
                if (acceptBounds)
                {
                    vmIsTrailingZeros = mmShift == 1;
                }
                else
                {
                    --vp;
                }
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        int removed = 0;
        int lastRemovedDigit = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (int)(vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                lastRemovedDigit = 4; // exactly halfway: round to even
            }
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            bool roundUp = false;
            if (TryDrop(ref vr, ref vp, ref vm, 100, ref roundUp))
            {
                removed += 2;
                // Values with few digits (data rounded to a decimal or two) have a dozen or more digits to drop: drop
                // them 4 and 8 at a time rather than one by one. Dropping k digits at once is allowed exactly when k
                // single steps would be, and only the last digit dropped (the highest) decides the rounding. Checked
                // for 4 first, which full-precision values (the common case) fail at the cost of one test.
                if (TryDrop(ref vr, ref vp, ref vm, 10_000, ref roundUp))
                {
                    removed += 4;
                    while (TryDrop(ref vr, ref vp, ref vm, 100_000_000, ref roundUp))
                    {
                        removed += 8;
                    }
                    removed += TryDrop(ref vr, ref vp, ref vm, 10_000, ref roundUp) ? 4 : 0;
                    removed += TryDrop(ref vr, ref vp, ref vm, 100, ref roundUp) ? 2 : 0;
                }
            }
            while (TryDrop(ref vr, ref vp, ref vm, 10, ref roundUp))
            {
                removed++;
            }
            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }
        return (output, e10 + removed);
    }

    /// <summary>
    /// Drops the last k digits of the interval (<paramref name="scale"/> = 10^k) when it still holds a shorter number;
    /// <paramref name="roundUp"/> then says whether the dropped digits of <paramref name="vr"/> round up.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TryDrop(ref ulong vr, ref ulong vp, ref ulong vm, ulong scale, ref bool roundUp)
    {
        if (vp / scale <= vm / scale)
        {
            return false;
        }
        roundUp = vr % scale >= scale / 2;
        vr /= scale;
        vp /= scale;
        vm /= scale;
        return true;
    }

    /// <summary>
    /// Lays <c>digits * 10^e10</c> out as <c>Utf8Formatter</c> does for the shortest form, plus <c>.0</c> after an
    /// integral value as JSON numbers from Python carry it: plain notation while the decimal point sits between 4 places
    /// left of the first digit and <paramref name="maxIntegerDigits"/> right of it; false otherwise. Needs
    /// <see cref="DoubleRoom"/> or <see cref="SingleRoom"/> bytes: digits go in eight at a time and may overwrite a few bytes past the text.
    /// </summary>
    private static bool TryLayout(bool negative, ulong digits, int e10, int maxIntegerDigits, Span<byte> destination, out int written)
    {
        written = 0;
        int length = DecimalDigits.Length(digits);
        int point = length + e10; // digits before the decimal point (<= 0: leading zeros after "0.")
        if (point > maxIntegerDigits || point < -3)
        {
            return false;
        }
        int at = negative ? 1 : 0;
        if (negative)
        {
            destination[0] = (byte)'-';
        }
        if (point <= 0)
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            for (int z = 0; z < -point; z++)
            {
                destination[at++] = (byte)'0';
            }
            DecimalDigits.Write(digits, length, destination[at..]);
            written = at + length;
        }
        else if (point < length)
        {
            // All digits one place to the right, then the integer digits moved back over the gap and the point put in.
            DecimalDigits.Write(digits, length, destination[(at + 1)..]);
            for (int d = 0; d < point; d++)
            {
                destination[at + d] = destination[at + d + 1];
            }
            destination[at + point] = (byte)'.';
            written = at + length + 1;
        }
        else
        {
            DecimalDigits.Write(digits, length, destination[at..]);
            at += length;
            for (int z = length; z < point; z++)
            {
                destination[at++] = (byte)'0';
            }
            destination[at++] = (byte)'.';
            destination[at++] = (byte)'0';
            written = at;
        }
        return true;
    }

    /// <summary>The three products of Ryu's interval: (4m, 4m + 2, 4m - 1 - mmShift) * mul >> j.</summary>
    private static ulong MulShiftAll(ulong m, ulong low, ulong high, int j, uint mmShift, out ulong vp, out ulong vm)
    {
        vp = MulShift((4 * m) + 2, low, high, j);
        vm = MulShift((4 * m) - 1 - mmShift, low, high, j);
        return MulShift(4 * m, low, high, j);
    }

    /// <summary>(m * mul) >> j for a 125-bit mul given as (low, high), 64 &lt; j &lt; 128.</summary>
    private static ulong MulShift(ulong m, ulong low, ulong high, int j)
    {
        ulong b0High = Math.BigMul(m, low, out _);
        ulong b2High = Math.BigMul(m, high, out ulong b2Low);
        ulong sumLow = b2Low + b0High;
        ulong sumHigh = b2High + (sumLow < b2Low ? 1UL : 0UL);
        int shift = j - 64;
        return (sumLow >> shift) | (sumHigh << (64 - shift));
    }

    private static bool MultipleOfPowerOf5(ulong value, int p)
    {
        int count = 0;
        while (value > 0 && value % 5 == 0)
        {
            value /= 5;
            count++;
        }
        return count >= p;
    }

    private static int Pow5BitCount(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static ulong[] BuildInverse()
    {
        var table = new ulong[2 * InverseTableSize];
        BigInteger mask = (BigInteger.One << 64) - 1;
        for (int i = 0; i < InverseTableSize; i++)
        {
            BigInteger inverse = ((BigInteger.One << (Pow5BitCount(i) - 1 + Pow5InverseBits)) / BigInteger.Pow(5, i)) + 1;
            table[2 * i] = (ulong)(inverse & mask);
            table[(2 * i) + 1] = (ulong)(inverse >> 64);
        }
        return table;
    }

    private static ulong[] BuildSplit()
    {
        var table = new ulong[2 * TableSize];
        BigInteger mask = (BigInteger.One << 64) - 1;
        for (int i = 0; i < TableSize; i++)
        {
            BigInteger power = BigInteger.Pow(5, i);
            int length = Pow5BitCount(i);
            BigInteger split = length <= Pow5Bits ? power << (Pow5Bits - length) : power >> (length - Pow5Bits);
            table[2 * i] = (ulong)(split & mask);
            table[(2 * i) + 1] = (ulong)(split >> 64);
        }
        return table;
    }
}
