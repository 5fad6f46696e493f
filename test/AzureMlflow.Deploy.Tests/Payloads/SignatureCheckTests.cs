using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Payloads;

/// <summary>MLflow's schema enforcement, before sending.</summary>
public sealed class SignatureCheckTests
{
    private static MlflowSignature Diabetes => MlflowModel.Load(ExampleFiles.PathOf("cli-yaml/models/sklearn-diabetes")).Signature!;

    private static readonly string[] Columns = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

    [Test]
    public void AMatchingDataFramePasses()
    {
        Assert.DoesNotThrow(() => Frame(Columns).Validate(Diabetes));
        Assert.DoesNotThrow(() => ScoringPayload.FromColumns(Columns.Select(c => PayloadColumn.Create(c, new long[] { 1 })).ToArray()).Validate(Diabetes),
            "long converts to double safely");
    }

    [Test]
    public void MissingColumnsWrongOrderAndUnsafeTypesAreReported()
    {
        Assert.That(() => Frame(Columns.Skip(1)).Validate(Diabetes), Throws.TypeOf<PayloadValidationException>().With.Message.Contains("'age'"));
        Assert.That(() => Frame(Columns.Reverse()).Validate(Diabetes), Throws.TypeOf<PayloadValidationException>().With.Message.Contains("SelectColumns"));
        Assert.DoesNotThrow(() => Frame(Columns.Reverse()).SelectColumns(Columns).Validate(Diabetes));
        PayloadColumn[] withText = [.. Columns.Skip(1).Select(c => PayloadColumn.Create(c, new[] { 1.0 })).Prepend(PayloadColumn.Create("age", new[] { "old" }))];
        Assert.That(() => ScoringPayload.FromColumns(withText).Validate(Diabetes),
            Throws.TypeOf<PayloadValidationException>().With.Message.Contains("Column 'age' holds string values but the signature says double"));
    }

    [Test]
    public void TensorsAreCheckedForDtypeShapeAndNames()
    {
        MlflowSignature images = MlflowModel.Parse("""
            flavors: {python_function: {loader_module: m}}
            signature:
              inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}}]'
            """).Signature!;
        Assert.DoesNotThrow(() => ScoringPayload.FromTensor(new float[5, 28, 28]).Validate(images));
        Assert.That(() => ScoringPayload.FromTensor(new double[5, 28, 28]).Validate(images), Throws.TypeOf<PayloadValidationException>().With.Message.Contains("float64 but the signature says float32"));
        Assert.That(() => ScoringPayload.FromTensor(new float[5, 28, 27]).Validate(images), Throws.TypeOf<PayloadValidationException>().With.Message.Contains("[5, 28, 27]"));
        Assert.That(() => Frame(Columns).Validate(images), Throws.TypeOf<PayloadValidationException>().With.Message.Contains("FromTensor"));
        Assert.That(() => ScoringPayload.FromTensor(new float[2, 10]).Validate(Diabetes), Throws.TypeOf<PayloadValidationException>().With.Message.Contains("not tensors"));

        MlflowSignature named = MlflowModel.Parse("""
            flavors: {python_function: {loader_module: m}}
            signature:
              inputs: '[{"type": "tensor", "name": "tokens", "tensor-spec": {"dtype": "int64", "shape": [-1, -1]}}, {"type": "tensor", "name": "mask", "tensor-spec": {"dtype": "int64", "shape": [-1, -1]}}]'
              params: '[{"name": "top_k", "type": "long", "default": 1, "shape": null}]'
            """).Signature!;
        TensorPayload both = ScoringPayload.FromNamedTensors(PayloadTensor.Create<long>("tokens", new long[2], 1, 2), PayloadTensor.Create<long>("mask", new long[2], 1, 2));
        both.Params["top_k"] = 3L;
        Assert.DoesNotThrow(() => both.Validate(named));
        both.Params["temperature"] = 0.1;
        Assert.That(() => both.Validate(named), Throws.TypeOf<PayloadValidationException>().With.Message.Contains("no parameter 'temperature'"));
        Assert.That(() => ScoringPayload.FromNamedTensors(PayloadTensor.Create<long>("tokens", new long[2], 1, 2)).Validate(named),
            Throws.TypeOf<PayloadValidationException>().With.Message.Contains("no tensor 'mask'"));
    }

    private static DataFramePayload Frame(IEnumerable<string> columns) =>
        ScoringPayload.FromColumns(columns.Select(c => PayloadColumn.Create(c, new[] { 0.5 })).ToArray());
}
