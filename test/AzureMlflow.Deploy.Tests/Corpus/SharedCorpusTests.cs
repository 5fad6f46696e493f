using System.Globalization;
using System.Text.Json;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Batch;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Validation;

namespace AzureMlflow.Deploy.Tests.Corpus;

/// <summary>
/// The SDK and the emulator implement names, traffic rules, CSV cells and MLmodel reading independently, on purpose
/// (the emulator stands in for the service, not for the SDK). One corpus of cases (Corpus/shared, and the MLmodel files
/// of Corpus/mlmodel and the example models) runs through both, so neither can drift from the other unnoticed.
/// </summary>
public sealed class SharedCorpusTests
{
    private static string CorpusPath(params string[] parts) => RepositoryPaths.Combine(["test", "AzureMlflow.Deploy.Tests", "Corpus", .. parts]);

    private static IEnumerable<string[]> Rows(params string[] file) =>
        File.ReadAllLines(CorpusPath(file)).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));

    public static IEnumerable<TestCaseData> Names() =>
        Rows("shared", "names.tsv").Select(r => new TestCaseData(r[0], r[1], r[2] == "yes").SetName($"{r[0]} name '{r[1]}'"));

    public static IEnumerable<TestCaseData> TrafficSplits() =>
        Rows("shared", "traffic.tsv").Select(r => new TestCaseData(r[0], r[1], r[2], r[3] == "yes").SetName($"traffic {r[0]} mirror {r[1]} on [{r[2]}]"));

    public static IEnumerable<TestCaseData> CsvCells() =>
        Rows("shared", "csv-cells.tsv").Select(r => new TestCaseData(r[0], r[1]).SetName($"CSV cell '{r[0]}'"));

    public static IEnumerable<TestCaseData> UnreadableMlmodels() =>
        Rows("mlmodel", "expected.tsv").Where(r => r[1] == "parse").Select(r => new TestCaseData(r[0]).SetName($"unreadable MLmodel {r[0]}"));

    public static IEnumerable<TestCaseData> ReadableMlmodels() =>
        new[] { "samples/models/diabetes-linear", "test/AzureMlflow.Deploy.Tests/TestData/Examples/mlflow/lightgbm-iris",
            "test/AzureMlflow.Deploy.Tests/TestData/Examples/cli-yaml/models/lightgbm_mlflow_model", "test/AzureMlflow.Deploy.Tests/TestData/Examples/cli-yaml/models/sklearn-diabetes" }
        .Select(folder => new TestCaseData(folder).SetName($"MLmodel of {Path.GetFileName(folder)}"));

    [TestCaseSource(nameof(Names))]
    public void BothAgreeOnNames(string kind, string name, bool valid)
    {
        bool sdk = Accepts(() =>
        {
            if (kind == "endpoint")
            {
                NameRules.ValidateEndpointName(name, "name");
            }
            else
            {
                NameRules.ValidateDeploymentName(name, "name");
            }
        });
        bool emulator = Accepts(() => Rules.EndpointOrDeploymentName(kind, name));

        Assert.That((sdk, emulator), Is.EqualTo((valid, valid)), "(SDK, emulator)");
    }

    [TestCaseSource(nameof(TrafficSplits))]
    public void BothAgreeOnTrafficSplits(string live, string mirror, string deployments, bool valid)
    {
        Dictionary<string, int> liveSplit = Split(live);
        Dictionary<string, int> mirrorSplit = Split(mirror);
        string[] existing = deployments.Split(',', StringSplitOptions.RemoveEmptyEntries);

        bool sdk = Accepts(() => TrafficRules.Validate(liveSplit, mirrorSplit, "ep", existing));
        // The SDK (as Python's) leaves 0% entries out of the PUT, so the service only ever sees the others.
        bool emulator = Accepts(() => Rules.Traffic(NonZero(liveSplit), NonZero(mirrorSplit), existing));

        Assert.That((sdk, emulator), Is.EqualTo((valid, valid)), "(SDK, emulator)");
    }

    [TestCaseSource(nameof(CsvCells))]
    public void BothReadACsvCellAsPandasDoes(string cell, string expected)
    {
        // A second column keeps the row when the cell is empty (pandas, like the SDK, skips blank lines).
        DataFramePayload payload = ScoringPayload.FromCsv(new StringReader($"x,y\n{CsvReader.Quote(cell)},1\n"));
        PayloadColumn column = payload.Columns[0];
        double? sdk = column.MlflowType == "double" ? (double)column.ValueAt(0)! : null;
        double? emulator = NumberOrNull(() => CsvTable.Number(cell, "x"));

        double? want = expected == "not-a-number" ? null : double.Parse(expected, CultureInfo.InvariantCulture);
        Assert.That((sdk, emulator), Is.EqualTo((want, want)), "(SDK, emulator)");
    }

    [TestCaseSource(nameof(UnreadableMlmodels))]
    public void BothRefuseAnUnreadableMlmodel(string file)
    {
        string text = File.ReadAllText(CorpusPath("mlmodel", file));

        Assert.That(() => MlflowModel.Parse(text, file), Throws.TypeOf<MlflowModelException>(), "SDK");
        Assert.That(() => MlmodelFile.Parse(text), Throws.InstanceOf<Exception>(), "emulator");
    }

    [TestCaseSource(nameof(ReadableMlmodels))]
    public void BothReadTheSameFlavorsAndInputs(string folder)
    {
        string text = File.ReadAllText(RepositoryPaths.Combine(folder, "MLmodel"));

        MlflowModel sdk = MlflowModel.Parse(text, folder);
        MlmodelFile emulator = MlmodelFile.Parse(text);

        Assert.That(emulator.Flavors, Is.EquivalentTo(sdk.Flavors.Keys));
        Assert.That((emulator.InputColumns ?? []).Select(c => (c.Name, c.Type, c.Required)),
            Is.EqualTo(sdk.Signature?.Inputs?.Columns.Select(c => (c.Name, c.Type, c.Required)) ?? []));
        Assert.That((emulator.InputTensors ?? []).Select(t => (t.Name, t.DType, string.Join(",", t.Shape))),
            Is.EqualTo(sdk.Signature?.Inputs?.Tensors.Select(t => (t.Name, t.DType, string.Join(",", t.Shape))) ?? []));
    }

    private static bool Accepts(Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or ServiceException)
        {
            return false;
        }
    }

    private static double? NumberOrNull(Func<double> read)
    {
        try
        {
            return read();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Dictionary<string, int> Split(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, int>>(json)!, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, int> NonZero(Dictionary<string, int> split) =>
        split.Where(p => p.Value != 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
}
