using System.Text.Json;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Tests.Fuzz;

/// <summary>
/// Property test of the payload builder over random tables: any column names (quotes, control characters, unpaired
/// surrogates), any mix of value types (extreme and non-finite doubles, dates, nulls, odd strings), ragged rows. A
/// payload either builds and serializes to JSON that parses back to the same shape in every format, or fails with
/// <see cref="PayloadValidationException"/>.
/// </summary>
public sealed class PayloadFuzzTests
{
    private static readonly string[] Strings = ["", "plain", "quote\"d", "back\\slash", "tab\tnew\nline", "\u0000nul", "\u00e9\u4e2d\ud83d\ude00", "\ud83d", "\udc00x", "</script>", "1e400"];
    private static readonly double[] Doubles = [0, -0.0, 1.5, double.Epsilon, double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1 + 0.2];

    [Test]
    public void RandomTablesBuildOrFailWithTheDocumentedException()
    {
        var random = new Random(424242);
        int built = 0;
        FuzzRunner.Run(Enumerable.Range(0, 2000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), _ =>
        {
            int columnCount = random.Next(0, 5);
            string[] columns = [.. Enumerable.Range(0, columnCount).Select(c => random.Next(4) == 0 ? Strings[random.Next(Strings.Length)] : $"c{c}")];
            int rowCount = random.Next(0, 6);
            var rows = new List<object?[]>();
            for (int r = 0; r < rowCount; r++)
            {
                int width = random.Next(10) == 0 ? random.Next(0, 6) : columnCount; // sometimes ragged
                rows.Add([.. Enumerable.Range(0, width).Select(_ => Value(random))]);
            }

            DataFramePayload payload = ScoringPayload.FromRows(columns, rows);
            payload.NonFiniteNumbers = random.Next(3) == 0 ? NonFiniteNumberHandling.Throw : NonFiniteNumberHandling.WriteNull;
            foreach (DataFrameOrientation orientation in new[] { DataFrameOrientation.Split, DataFrameOrientation.Records })
            {
                payload.Orientation = orientation;
                foreach (PayloadFormat format in Enum.GetValues<PayloadFormat>())
                {
                    using JsonDocument json = JsonDocument.Parse(payload.ToJson(format));
                    Assert.That(json.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object));
                }
            }
            var csv = new StringWriter();
            payload.WriteCsv(csv);
            Interlocked.Increment(ref built);
        }, typeof(PayloadValidationException));
        Assert.That(built, Is.GreaterThan(200), "most random tables are valid and were built");
    }

    private static object? Value(Random random) => random.Next(9) switch
    {
        0 => Doubles[random.Next(Doubles.Length)],
        1 => (float)Doubles[random.Next(Doubles.Length)],
        2 => random.NextInt64(long.MinValue, long.MaxValue),
        3 => random.Next(int.MinValue, int.MaxValue),
        4 => random.Next(2) == 0,
        5 => Strings[random.Next(Strings.Length)],
        6 => new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc),
        7 => null,
        _ => random.NextDouble() * Math.Pow(10, random.Next(-300, 300)),
    };
}
