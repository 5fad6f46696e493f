using System.Buffers.Text;
using System.Text;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Tests.Payloads;

/// <summary>The payloads' fast number formatter writes exactly the runtime's shortest round-trip text (plus ".0" on integral values).</summary>
public sealed class NumberFormattingTests
{
    [Test]
    public void DoublesAreFormattedExactlyAsTheRuntimeDoes()
    {
        var random = new Random(11);
        IEnumerable<double> values = Enumerable.Range(0, 200_000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64()))
            .Concat(Enumerable.Range(0, 200_000).Select(_ => (random.NextDouble() * 200) - 100))
            .Concat(Enumerable.Range(0, 200_000).Select(i => Math.Round((random.NextDouble() * 2000) - 1000, i % 8))) // few digits: the chunked digit dropping
            .Concat(Enumerable.Range(0, 100_000).Select(_ => (double)random.NextInt64(-(1L << 53), 1L << 53) / (1L << random.Next(0, 53)))) // integers and short binary fractions
            .Concat(Enumerable.Range(0, 60).SelectMany(e => new[] { Math.Pow(2, e), Math.Pow(2, e) - 1, Math.Pow(2, e) + 1, -Math.Pow(2, e) * 3 })) // around 2^53
            .Concat(Enumerable.Range(-20, 41).SelectMany(e => new[] { Math.Pow(10, e), Math.BitIncrement(Math.Pow(10, e)), Math.BitDecrement(Math.Pow(10, e)), -3 * Math.Pow(10, e) }))
            .Concat(Enumerable.Range(0, 100_000).SelectMany(i => ShortDecimalAndNeighbours(random, i))) // the exact-decimal path and values just off it
            .Concat(Enumerable.Range(-3, 7).SelectMany(d => new[] { (1L << 50) / 1e6 + d, ((1L << 50) + d) / 1e6, ((1L << 50) - 1 + d) / 1e6 * 10 })) // its 2^50 bound
            .Concat([0.1, 0.2, 0.3, 1.0, -0.0, 0.0, 5e-324, double.MaxValue, 2.2250738585072014e-308, 9007199254740993, 123456789012345678.0, 0.0001, 0.00001]);
        foreach (double value in values.Where(double.IsFinite))
        {
            Assert.That(Fast(b => JsonNumbers.FormatDouble(value, b)), Is.EqualTo(Runtime(b => Utf8Formatter.TryFormat(value, b, out int n) ? n : 0)), value.ToString("R"));
        }
    }

    [Test]
    public void TextEndsWhereItSaysAndTheRestOfTheRoomIsOnlyScratch()
    {
        // Digits are stored eight at a time, so bytes past the text may change; the text itself must be exact.
        foreach (double value in new[] { 1.5, -0.00012, 123456.75, 1.2345678901234567, -98765432.125, 42.0 })
        {
            byte[] buffer = Enumerable.Repeat((byte)'#', 64).ToArray();
            int written = JsonNumbers.FormatDouble(value, buffer);
            Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(Runtime(b => Utf8Formatter.TryFormat(value, b, out int n) ? n : 0)));
            Assert.That(buffer.AsSpan(written + 8).ToArray(), Is.All.EqualTo((byte)'#'), "no write further than one group of eight past the text");
        }
        // The longest float texts fit the room the writer path gives them (JsonNumbers.MaxSingleBytes).
        foreach (float value in new[] { -0.00012345679f, -1.2345679f, -1234567.9f, -9999999f, 0.1f })
        {
            byte[] buffer = new byte[JsonNumbers.MaxSingleBytes];
            int written = JsonNumbers.FormatSingle(value, buffer);
            Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(Runtime(b => Utf8Formatter.TryFormat(value, b, out int n) ? n : 0)));
        }
    }

    [Test]
    public void FloatsAreFormattedExactlyAsTheRuntimeDoes()
    {
        var random = new Random(12);
        IEnumerable<float> values = Enumerable.Range(0, 200_000).Select(_ => BitConverter.Int32BitsToSingle(random.Next() | (random.Next(2) << 31)))
            .Concat(Enumerable.Range(0, 200_000).Select(_ => random.NextSingle()))
            .Concat(Enumerable.Range(0, 100_000).Select(i => BitConverter.UInt32BitsToSingle(0x3F800000u + (uint)i)))
            .Concat([0.1f, 1f, 16777216f, float.MaxValue, float.Epsilon, 1e-4f, 1e-5f, 1e7f, 1e8f, 123456789f]);
        foreach (float value in values.Where(float.IsFinite))
        {
            Assert.That(Fast(b => JsonNumbers.FormatSingle(value, b)), Is.EqualTo(Runtime(b => Utf8Formatter.TryFormat(value, b, out int n) ? n : 0)), value.ToString("R"));
        }
    }

    /// <summary>A value with 0 to 7 decimals (7 is one more than the exact path takes), and its two neighbouring doubles.</summary>
    private static double[] ShortDecimalAndNeighbours(Random random, int i)
    {
        double value = random.NextInt64(-(1L << 52), 1L << 52) / Math.Pow(10, i % 8) / Math.Pow(10, random.Next(0, 9));
        return [value, Math.BitIncrement(value), Math.BitDecrement(value)];
    }

    private static string Fast(Func<byte[], int> format)
    {
        byte[] buffer = new byte[64];
        return Encoding.ASCII.GetString(buffer, 0, format(buffer));
    }

    /// <summary>The runtime's text, with ".0" added to integral values as payloads write them.</summary>
    private static string Runtime(Func<byte[], int> format)
    {
        string text = Fast(format);
        return text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }
}
