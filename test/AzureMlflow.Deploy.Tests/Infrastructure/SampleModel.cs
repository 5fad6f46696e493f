using System.Text.Json;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>The repository's sample ONNX model (samples/models/diabetes-linear), its coefficients and sample rows.</summary>
internal static class SampleModel
{
    public static string Folder => FolderOf("diabetes-linear");

    /// <summary>A sample model folder under samples/models (diabetes-sklearn and diabetes-xgboost come from eng/train-python-models.py).</summary>
    public static string FolderOf(string name) => Path.Combine(RepositoryRoot, "samples", "models", name);

    public static string SampleCsv => Path.Combine(RepositoryRoot, "samples", "data", "diabetes-sample.csv");

    /// <summary>What the linear model predicts for a row, from the coefficients the generator wrote (float32 like the ONNX graph).</summary>
    public static double Predict(IReadOnlyList<double> row)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "samples", "models", "diabetes-linear.coefficients.json")));
        double[] coefficients = document.RootElement.GetProperty("coefficients").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        float sum = (float)document.RootElement.GetProperty("intercept").GetDouble();
        float product = 0;
        for (int i = 0; i < coefficients.Length; i++)
        {
            product += (float)row[i] * (float)coefficients[i];
        }
        return sum + product;
    }

    /// <summary>The model's input columns, as the sample CSV's header names them.</summary>
    public static string[] Columns => File.ReadLines(SampleCsv).First().Split(',');

    /// <summary>The sample rows as a DataFrame payload with the model's columns.</summary>
    public static DataFramePayload SamplePayload() =>
        ScoringPayload.FromRows(Columns, SampleRows().Select(row => row.Cast<object?>().ToArray()));

    public static List<double[]> SampleRows() =>
        File.ReadAllLines(SampleCsv).Skip(1).Select(line => line.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();

    private static string RepositoryRoot => RepositoryPaths.Root;
}
