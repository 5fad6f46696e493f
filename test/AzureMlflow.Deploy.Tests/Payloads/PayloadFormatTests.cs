using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Payloads;

/// <summary>Request bodies, byte for byte, against the documented examples and shapes.</summary>
public sealed class PayloadFormatTests
{
    private static readonly string[] Diabetes = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

    [TestCase("mlflow/online/sample-request-sklearn.json")]
    [TestCase("mlflow/online/sample-request-lightgbm.json")]
    public void SplitPayloadsMatchTheDocumentedRequestsByteForByte(string example)
    {
        JsonObject documented = JsonNode.Parse(ExampleFiles.Read(example))!.AsObject();
        string[] columns = documented["input_data"]!["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        double[][] rows = documented["input_data"]!["data"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();

        DataFramePayload payload = ScoringPayload.FromColumns(columns.Select((name, c) => PayloadColumn.Create(name, rows.Select(r => r[c]).ToArray())).ToArray());

        Assert.That(payload.ToJson(), Is.EqualTo(Minified(documented)));
    }

    [Test]
    public void RowsAndRecordsGiveTheSameSplitBody()
    {
        var rows = new[] { new object?[] { 1.0, 2.0 }, new object?[] { 3.5, -4.25 } };
        string fromRows = ScoringPayload.FromRows(["a", "b"], rows).ToJson();
        string fromRecords = ScoringPayload.FromRecords(new[] { new Pair(1.0, 2.0), new Pair(3.5, -4.25) }).ToJson();

        Assert.That(fromRows, Is.EqualTo("""{"input_data":{"columns":["a","b"],"data":[[1.0,2.0],[3.5,-4.25]],"index":[0,1]}}"""));
        Assert.That(fromRecords, Is.EqualTo(fromRows));
    }

    [Test]
    public void RecordsOrientationParamsAndServeFormats()
    {
        DataFramePayload payload = ScoringPayload.FromColumns(PayloadColumn.Create("x", new long[] { 1, 2 }), PayloadColumn.Create("label", new[] { "a", null }));
        payload.Params["temperature"] = 0.5;
        payload.Params["stop"] = new[] { "\n" };

        Assert.That(payload.ToJson(), Is.EqualTo("""{"input_data":{"columns":["x","label"],"data":[[1,"a"],[2,null]],"index":[0,1]},"params":{"temperature":0.5,"stop":["\n"]}}"""));
        Assert.That(payload.ToJson(PayloadFormat.MlflowServe), Does.StartWith("""{"dataframe_split":{"columns":["x","label"]"""));
        payload.Orientation = DataFrameOrientation.Records;
        Assert.That(payload.ToJson(), Is.EqualTo("""{"input_data":[{"x":1,"label":"a"},{"x":2,"label":null}],"params":{"temperature":0.5,"stop":["\n"]}}"""));
        Assert.That(payload.ToJson(PayloadFormat.MlflowServe), Does.StartWith("""{"dataframe_records":[{"x":1"""));
    }

    [Test]
    public void TensorsOfAnyRankAreNestedLists()
    {
        var cube = new float[2, 2, 3];
        for (int i = 0; i < 12; i++)
        {
            cube[i / 6, i / 3 % 2, i % 3] = i;
        }
        Assert.That(ScoringPayload.FromTensor(cube).ToJson(),
            Is.EqualTo("""{"input_data":[[[0.0,1.0,2.0],[3.0,4.0,5.0]],[[6.0,7.0,8.0],[9.0,10.0,11.0]]]}"""));
        Assert.That(ScoringPayload.FromTensor(new[] { new[] { 1L, 2L }, new[] { 3L, 4L } }).ToJson(PayloadFormat.MlflowServe),
            Is.EqualTo("""{"inputs":[[1,2],[3,4]]}"""));
        Assert.That(ScoringPayload.FromTensor<byte>(new byte[] { 1, 2, 3, 4, 5, 6 }, 1, 2, 3).ToJson(), Is.EqualTo("""{"input_data":[[[1,2,3],[4,5,6]]]}"""));
        Assert.That(ScoringPayload.FromTensor(new double[] { 0.1, 2 }).ToJson(), Is.EqualTo("""{"input_data":[0.1,2.0]}"""));
    }

    [Test]
    public void NamedTensorsAreAnObjectOfNestedLists()
    {
        TensorPayload payload = ScoringPayload.FromNamedTensors(
            PayloadTensor.Create<long>("tokens", new long[] { 101, 7, 102 }, 1, 3),
            PayloadTensor.Create<int>("mask", new[] { 1, 1, 0 }, 1, 3));
        Assert.That(payload.ToJson(), Is.EqualTo("""{"input_data":{"tokens":[[101,7,102]],"mask":[[1,1,0]]}}"""));
    }

    [Test]
    public void RaggedAndMisshapenInputIsRefused()
    {
        Assert.Throws<PayloadValidationException>(() => ScoringPayload.FromTensor(new[] { new[] { 1f, 2f }, new[] { 3f } }));
        Assert.Throws<PayloadValidationException>(() => ScoringPayload.FromTensor<float>(new float[5], 2, 3));
        Assert.Throws<PayloadValidationException>(() => ScoringPayload.FromRows(["a", "b"], [[1.0]]));
        Assert.Throws<PayloadValidationException>(() => ScoringPayload.FromColumns(PayloadColumn.Create("a", new[] { 1.0 }), PayloadColumn.Create("b", new[] { 1.0, 2.0 })));
        Assert.Throws<PayloadValidationException>(() => ScoringPayload.FromColumns(PayloadColumn.Create("a", new[] { 1.0 }), PayloadColumn.Create("a", new[] { 2.0 })));
    }

    [Test]
    public void NonFiniteNumbersBecomeNullOrThrowWithTheirPlace()
    {
        DataFramePayload payload = ScoringPayload.FromColumns(PayloadColumn.Create("x", new[] { 1.0, double.NaN, double.PositiveInfinity }));
        Assert.That(payload.ToJson(), Is.EqualTo("""{"input_data":{"columns":["x"],"data":[[1.0],[null],[null]],"index":[0,1,2]}}"""));

        payload.NonFiniteNumbers = NonFiniteNumberHandling.Throw;
        var error = Assert.Throws<PayloadValidationException>(() => payload.ToJson());
        Assert.That(error!.Message, Does.Contain("Column 'x' row 1"));
    }

    [Test]
    public void DoublesRoundTripExactly()
    {
        var random = new Random(42);
        double[] values = Enumerable.Range(0, 2000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())).Where(double.IsFinite)
            .Concat([0.1, 1e-300, 1e300, double.Epsilon, double.MaxValue, -0.0, 123456789012345678.0]).ToArray();

        string json = ScoringPayload.FromColumns(PayloadColumn.Create("v", values)).ToJson();

        double[] parsed = JsonNode.Parse(json)!["input_data"]!["data"]!.AsArray().Select(r => r![0]!.GetValue<double>()).ToArray();
        Assert.That(parsed, Is.EqualTo(values));
    }

    [Test]
    public async Task StreamingWritesTheSameBytes()
    {
        DataFramePayload payload = ScoringPayload.FromColumns(PayloadColumn.Create("v", Enumerable.Range(0, 50_000).Select(i => i * 0.5).ToArray()));
        using var stream = new MemoryStream();
        await payload.WriteToAsync(stream);
        using var content = payload.ToHttpContent();

        Assert.That(stream.ToArray(), Is.EqualTo(payload.ToBinaryData().ToArray()));
        Assert.That(await content.ReadAsByteArrayAsync(), Is.EqualTo(stream.ToArray()));
        Assert.That(content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
    }

    [Test]
    public void CsvIsReadWithQuotesTypesAndMissingValues()
    {
        DataFramePayload payload = ScoringPayload.FromCsv(new StringReader("age,name,smoker\n63,\"Doe, Jane\",true\n,\"say \"\"hi\"\"\",false\n"));

        Assert.That(payload.Columns.Select(c => (c.Name, c.MlflowType)), Is.EqualTo(new[] { ("age", "double"), ("name", "string"), ("smoker", "boolean") }));
        Assert.That(payload.ToJson(), Is.EqualTo("""{"input_data":{"columns":["age","name","smoker"],"data":[[63.0,"Doe, Jane",true],[null,"say \u0022hi\u0022",false]],"index":[0,1]}}"""));
        var writer = new StringWriter();
        payload.WriteCsv(writer);
        Assert.That(writer.ToString().Split(Environment.NewLine)[1], Is.EqualTo("63,\"Doe, Jane\",True"));
        Assert.Throws<PayloadValidationException>(() => ScoringPayload.FromCsv(new StringReader("a,b\n1\n")));
    }

    [Test]
    public void CsvReadsMissingAndInfiniteCellsAsPandasWritesThem()
    {
        DataFramePayload payload = ScoringPayload.FromCsv(new StringReader("x,y,name\nnan,inf,NA\n1.5,-inf,bob\n-Infinity,+INF,None\n"));

        Assert.That(payload.Columns.Select(c => (c.Name, c.MlflowType)), Is.EqualTo(new[] { ("x", "double"), ("y", "double"), ("name", "string") }));
        Assert.That(payload.ToJson(), Is.EqualTo("""{"input_data":{"columns":["x","y","name"],"data":[[null,null,null],[1.5,null,"bob"],[null,null,null]],"index":[0,1,2]}}"""));
    }

    [Test]
    public void RecordsUseTheirPropertyNamesAndAttributes()
    {
        string json = ScoringPayload.FromRecords(new[] { new Patient { Age = 63, Sex = "M", Chol = 233, Smoker = true } }).ToJson();
        Assert.That(json, Is.EqualTo("""{"input_data":{"columns":["age","sex","chol","Smoker"],"data":[[63,"M",233.0,true]],"index":[0]}}"""));
    }

    [Test]
    public void RecordsAreReadAsTheyAreWrittenAndMatchTheSameColumns()
    {
        var when = new DateTime(2024, 4, 1, 12, 30, 0, DateTimeKind.Utc);
        Every[] records =
        [
            new() { D = 0.1, F = 1.5f, L = long.MaxValue, I = -7, B = true, S = "plain", T = when, M = 1.25m },
            new() { D = -2e-7, F = -0f, L = 0, I = int.MinValue, B = false, S = null, T = when.AddDays(1), M = 0m },
            new() { D = 123456.0, F = 3e9f, L = -1, I = 0, B = true, S = "needs \"escaping\" é", T = when, M = -3m },
        ];
        string columns = ScoringPayload.FromColumns(
            PayloadColumn.Create("D", records.Select(r => r.D).ToArray()), PayloadColumn.Create("F", records.Select(r => r.F).ToArray()),
            PayloadColumn.Create("L", records.Select(r => r.L).ToArray()), PayloadColumn.Create("I", records.Select(r => r.I).ToArray()),
            PayloadColumn.Create("B", records.Select(r => r.B).ToArray()), PayloadColumn.Create("S", records.Select(r => r.S).ToArray()),
            PayloadColumn.Create("T", records.Select(r => r.T).ToArray()), PayloadColumn.Create("M", records.Select(r => (object?)r.M).ToList())).ToJson();

        DataFramePayload fromArray = ScoringPayload.FromRecords(records);
        DataFramePayload fromList = ScoringPayload.FromRecords(records.ToList()); // the interface path
        DataFramePayload fromStructs = ScoringPayload.FromRecords(records.Select(r => new EveryStruct(r.D, r.S)));

        Assert.That(fromArray.ToJson(), Is.EqualTo(columns));
        Assert.That(fromList.ToJson(), Is.EqualTo(columns));
        Assert.That(fromArray.Columns.Select(c => c.MlflowType), Is.EqualTo(new[] { "double", "float", "long", "integer", "boolean", "string", "datetime", "double" }));
        Assert.That(fromStructs.ToJson(), Does.Contain("""[[0.1,"plain"],[-2E-07,null],[123456.0,"needs \u0022escaping\u0022 \u00E9"]]"""));
        var csv = new StringWriter();
        fromArray.WriteCsv(csv);
        Assert.That(csv.ToString(), Does.Contain("plain"), "boxed reads (CSV, validation) see the records too");

        records[0].I = 42; // not copied: a later write reads the records again
        Assert.That(fromArray.ToJson(), Does.Contain("[0.1,1.5,9223372036854775807,42,"));
        Assert.Throws<PayloadValidationException>(() => ScoringPayload.FromRecords(new[] { records[0], null! }));
    }

    /// <summary>The example without whitespace; JsonNode keeps each number's original text (1.0 stays 1.0).</summary>
    private static string Minified(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    private sealed record Pair(double A, double B)
    {
        [JsonPropertyName("a")]
        public double A { get; } = A;

        [JsonPropertyName("b")]
        public double B { get; } = B;
    }

    private sealed class Every
    {
        public double D { get; init; }

        public float F { get; init; }

        public long L { get; init; }

        public int I { get; set; }

        public bool B { get; init; }

        public string? S { get; init; }

        public DateTime T { get; init; }

        public decimal M { get; init; } // no typed column: boxed
    }

    private readonly record struct EveryStruct(double D, string? S);

    private sealed class Patient
    {
        [JsonPropertyName("age")]
        public int Age { get; init; }

        [JsonPropertyName("sex")]
        public string? Sex { get; init; }

        [JsonPropertyName("chol")]
        public double Chol { get; init; }

        public bool Smoker { get; init; }

        [JsonIgnore]
        public string Secret => "not sent";
    }
}
