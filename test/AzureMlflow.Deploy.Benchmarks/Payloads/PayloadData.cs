using System.Globalization;
using System.Text.Json.Serialization;
using NewtonsoftProperty = Newtonsoft.Json.JsonPropertyAttribute;

namespace AzureMlflow.Deploy.Benchmarks.Payloads;

/// <summary>
/// One patient of the heart-disease data that Azure ML's MLflow batch example (heart-classifier-mlflow) scores:
/// twelve of its thirteen columns (<c>ca</c>, which has missing values in the original data, is left out).
/// </summary>
public sealed class HeartRecord
{
    [JsonPropertyName("age")][NewtonsoftProperty("age")] public int Age { get; init; }
    [JsonPropertyName("sex")][NewtonsoftProperty("sex")] public int Sex { get; init; }
    [JsonPropertyName("cp")][NewtonsoftProperty("cp")] public int Cp { get; init; }
    [JsonPropertyName("trestbps")][NewtonsoftProperty("trestbps")] public int Trestbps { get; init; }
    [JsonPropertyName("chol")][NewtonsoftProperty("chol")] public int Chol { get; init; }
    [JsonPropertyName("fbs")][NewtonsoftProperty("fbs")] public int Fbs { get; init; }
    [JsonPropertyName("restecg")][NewtonsoftProperty("restecg")] public int Restecg { get; init; }
    [JsonPropertyName("thalach")][NewtonsoftProperty("thalach")] public int Thalach { get; init; }
    [JsonPropertyName("exang")][NewtonsoftProperty("exang")] public int Exang { get; init; }
    [JsonPropertyName("oldpeak")][NewtonsoftProperty("oldpeak")] public double Oldpeak { get; init; }
    [JsonPropertyName("slope")][NewtonsoftProperty("slope")] public int Slope { get; init; }
    [JsonPropertyName("thal")][NewtonsoftProperty("thal")] public string Thal { get; init; } = "normal";

    public static readonly string[] ColumnNames = ["age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "thal"];

    public object[] ToRow() => [Age, Sex, Cp, Trestbps, Chol, Fbs, Restecg, Thalach, Exang, Oldpeak, Slope, Thal];
}

/// <summary>The deterministic data of the payload workloads (the same seed in every run and in the Python baselines' copy).</summary>
internal static class PayloadData
{
    public const int Columns = 10;
    public const int Seed = 20240401;
    private static readonly string[] Thals = ["normal", "fixed", "reversible"];

    public static string[] ColumnNames(int count) => Enumerable.Range(0, count).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Doubles in [-100, 100) as full-precision values (17 significant digits, the worst case for formatting).</summary>
    public static double[][] DataFrameColumns(int rows)
    {
        var random = new Random(Seed);
        var columns = new double[Columns][];
        for (int c = 0; c < Columns; c++)
        {
            columns[c] = new double[rows];
        }
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                columns[c][r] = (random.NextDouble() * 200) - 100;
            }
        }
        return columns;
    }

    /// <summary>Pixel-like float32 values in [0, 1), row-major, for a tensor of shape [n, 28, 28].</summary>
    public static float[] Tensor(int images)
    {
        var random = new Random(Seed);
        var values = new float[images * 28 * 28];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSingle();
        }
        return values;
    }

    public static HeartRecord[] Records(int count)
    {
        var random = new Random(Seed);
        var records = new HeartRecord[count];
        for (int i = 0; i < count; i++)
        {
            records[i] = new HeartRecord
            {
                Age = random.Next(29, 78),
                Sex = random.Next(2),
                Cp = random.Next(1, 5),
                Trestbps = random.Next(94, 201),
                Chol = random.Next(126, 565),
                Fbs = random.Next(2),
                Restecg = random.Next(3),
                Thalach = random.Next(71, 203),
                Exang = random.Next(2),
                Oldpeak = Math.Round(random.NextDouble() * 6.2, 1),
                Slope = random.Next(1, 4),
                Thal = Thals[random.Next(Thals.Length)],
            };
        }
        return records;
    }

    /// <summary>Writes the data for eng/bench_baselines.py: row-major float64/float32 files and the records as CSV.</summary>
    public static void Export(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach ((string name, int rows) in new[] { ("df100k", 100_000), ("df1m", 1_000_000) })
        {
            double[][] columns = DataFrameColumns(rows);
            var rowMajor = new double[rows * Columns];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < Columns; c++)
                {
                    rowMajor[(r * Columns) + c] = columns[c][r];
                }
            }
            File.WriteAllBytes(Path.Combine(directory, name + ".f64"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(rowMajor.AsSpan()).ToArray());
        }
        File.WriteAllBytes(Path.Combine(directory, "tensor.f32"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(Tensor(PayloadWorkloads.TensorImages).AsSpan()).ToArray());
        using var csv = new StreamWriter(Path.Combine(directory, "records.csv"));
        csv.WriteLine(string.Join(',', HeartRecord.ColumnNames));
        foreach (HeartRecord r in Records(PayloadWorkloads.RecordCount))
        {
            csv.WriteLine(string.Join(',', r.ToRow().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        Console.WriteLine($"Exported the payload data to {directory}");
    }
}
