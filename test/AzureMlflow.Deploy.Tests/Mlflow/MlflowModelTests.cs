using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Mlflow;

/// <summary>The MLmodel reader against real MLmodel files (TestData/Examples), and the no-code deployment limits.</summary>
public sealed class MlflowModelTests
{
    [Test]
    public void ReadsTheSklearnDiabetesModel()
    {
        MlflowModel model = MlflowModel.Load(ExampleFiles.PathOf("cli-yaml/models/sklearn-diabetes"));

        Assert.That(model.Flavors.Keys, Is.EquivalentTo(new[] { "python_function", "sklearn" }));
        Assert.That(model.Flavors["sklearn"].Properties["sklearn_version"], Is.EqualTo("0.24.1"));
        Assert.That(model.Flavors["python_function"].Properties["loader_module"], Is.EqualTo("mlflow.sklearn"));
        Assert.That(model.Signature!.Inputs!.Columns.Select(c => c.Name), Is.EqualTo(new[] { "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6" }));
        Assert.That(model.Signature.Inputs.Columns.Select(c => c.Type).Distinct(), Is.EqualTo(new[] { "double" }));
        MlflowColumnSpec output = model.Signature.Outputs!.Columns.Single();
        Assert.That((output.Name, output.Type, output.Required), Is.EqualTo(((string?)null, "double", true)));
        Assert.That(model.RunId, Is.EqualTo("f1e06708-641d-4a49-8f36-e9dcd8d34346"));
        Assert.That(model.UtcTimeCreated, Is.EqualTo(new DateTimeOffset(2022, 3, 17, 1, 56, 3, 706, TimeSpan.Zero).AddTicks(8480)));
        Assert.That(MlflowDeploymentRules.FindProblems(model), Is.Empty);
    }

    [Test]
    public void ReadsIntegerColumnNamesTensorOutputsAndTheInputExample()
    {
        MlflowModel model = MlflowModel.Load(ExampleFiles.PathOf("cli-yaml/models/lightgbm_mlflow_model"));

        Assert.That(model.Signature!.Inputs!.Columns.Select(c => c.Name).Take(3), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(model.Signature.Outputs!.IsTensorBased, Is.True);
        MlflowTensorSpec tensor = model.Signature.Outputs.Tensors.Single();
        Assert.That((tensor.Name, tensor.DType, string.Join(",", tensor.Shape)), Is.EqualTo(((string?)null, "float64", "-1")));
        Assert.That((model.SavedInputExample!.ArtifactPath, model.SavedInputExample.Type, model.SavedInputExample.PandasOrient), Is.EqualTo(("input_example.json", "dataframe", "split")));
        Assert.That(model.ArtifactPath, Is.EqualTo("lightgbm_artifact"));
        Assert.That(model.ModelUuid, Is.EqualTo("8ee6617efea94d9ea288a55d248c9357"));
    }

    [Test]
    public void TheIrisModelHasNumberedOutputColumns()
    {
        MlflowModel model = MlflowModel.Load(ExampleFiles.PathOf("mlflow/lightgbm-iris"));
        Assert.That(model.Signature!.Outputs!.Columns.Select(c => c.Name), Is.EqualTo(new[] { "0", "1", "2" }));
        Assert.That(model.ToServiceFlavors()["lightgbm"]["lgb_version"], Is.EqualTo("3.3.2"));
    }

    [Test]
    public void ParamsAndNamedTensorsAreRead()
    {
        MlflowModel model = MlflowModel.Parse("""
            flavors:
              python_function: {loader_module: mlflow.onnx, env: {conda: conda.yaml, virtualenv: python_env.yaml}}
              onnx: {onnx_version: 1.14.0}
            mlflow_version: 2.9.2
            signature:
              inputs: '[{"type": "tensor", "name": "pixels", "tensor-spec": {"dtype": "uint8", "shape": [-1, 28, 28]}}]'
              outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 10]}}]'
              params: '[{"name": "top_k", "type": "long", "default": 3, "shape": null}]'
            """, "inline");

        Assert.That(model.MlflowVersion, Is.EqualTo("2.9.2"));
        Assert.That(model.Flavors["python_function"].Properties["env"], Is.EqualTo("""{"conda":"conda.yaml","virtualenv":"python_env.yaml"}"""));
        MlflowTensorSpec pixels = model.Signature!.Inputs!.Tensors.Single();
        Assert.That((pixels.Name, pixels.DType, pixels.Shape), Is.EqualTo(("pixels", "uint8", (IReadOnlyList<int>)[-1, 28, 28])).Using<(string?, string, IReadOnlyList<int>)>(
            (a, b) => a.Item1 == b.Item1 && a.Item2 == b.Item2 && a.Item3.SequenceEqual(b.Item3)));
        MlflowParamSpec topK = model.Signature.Params.Single();
        Assert.That((topK.Name, topK.Type, topK.DefaultJson, topK.Shape), Is.EqualTo(("top_k", "long", "3", (IReadOnlyList<int>?)null)));
        Assert.That(MlflowDeploymentRules.FindProblems(model), Is.Empty);
    }

    // Bad MLmodel files and no-code deployment limits are in the bad-input corpus (Corpus/mlmodel).

    [Test]
    public void AMissingOrHugeFileIsRefused()
    {
        string folder = Directory.CreateTempSubdirectory("aml-mlmodel-").FullName;
        try
        {
            Assert.That(() => MlflowModel.Load(folder), Throws.TypeOf<MlflowModelException>().With.Message.Contains("has no 'MLmodel' file"));
            File.WriteAllText(Path.Combine(folder, "MLmodel"), "flavors:\n" + new string('#', 2 * 1024 * 1024));
            Assert.That(() => MlflowModel.Load(folder), Throws.TypeOf<MlflowModelException>().With.Message.Contains("larger than"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
