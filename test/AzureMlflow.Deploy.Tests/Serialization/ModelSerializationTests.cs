using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Wire;
using NUnit.Framework;

namespace AzureMlflow.Deploy.Tests.Serialization;

public class ModelSerializationTests
{
    [Test]
    public void WritesTheModelVersionBodyWithFlavors()
    {
        var model = new Model { Name = "my-model6", Version = "3", Type = ModelType.MlflowModel, Description = "this is my test model" };
        model.Tags["foo"] = "bar";
        model.Tags["abc"] = "123";
        model.Flavors["sklearn"] = new Dictionary<string, string> { ["sklearn_version"] = "0.23.2" };
        const string uri = "azureml://subscriptions/s/resourcegroups/r/workspaces/w/datastores/workspaceblobstore/paths/LocalUpload/abc/lightgbm_mlflow_model";

        JsonObject properties = Json.Sent(ModelMapper.ToWire(model, uri, null), Json.Context.ModelVersionData)["properties"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(properties["modelType"]!.GetValue<string>(), Is.EqualTo("mlflow_model"));
            Assert.That(properties["modelUri"]!.GetValue<string>(), Is.EqualTo(uri));
            Assert.That(properties["description"]!.GetValue<string>(), Is.EqualTo("this is my test model"));
            Assert.That(properties["tags"]!.ToJsonString(), Is.EqualTo("""{"foo":"bar","abc":"123"}"""));
            Assert.That(properties["flavors"]!.ToJsonString(), Is.EqualTo("""{"sklearn":{"data":{"sklearn_version":"0.23.2"}}}"""));
            Assert.That(properties["isAnonymous"]!.GetValue<bool>(), Is.False);
            Assert.That(properties["isArchived"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public void ReadsAVersionWithNameAndVersionFromItsId()
    {
        const string json = """
        {"id":"/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/models/diabetes/versions/7",
         "name":"7","properties":{"modelType":"mlflow_model","modelUri":"azureml://jobs/job-1/outputs/artifacts/paths/model/",
         "flavors":{"python_function":{"data":{"loader_module":"mlflow.sklearn"}}},"stage":"Development","jobName":"job-1","isArchived":true},
         "systemData":{"createdAt":"2025-02-04T06:55:53.5131853+00:00"}}
        """;
        Model model = ModelMapper.FromWire(Json.Received(json, Json.Context.ModelVersionData));

        Assert.Multiple(() =>
        {
            Assert.That(model.Name, Is.EqualTo("diabetes"));
            Assert.That(model.Version, Is.EqualTo("7"));
            Assert.That(model.Type, Is.EqualTo(ModelType.MlflowModel));
            Assert.That(model.Path, Is.EqualTo("azureml://jobs/job-1/outputs/artifacts/paths/model/"));
            Assert.That(model.Flavors["python_function"]["loader_module"], Is.EqualTo("mlflow.sklearn"));
            Assert.That(model.JobName, Is.EqualTo("job-1"));
            Assert.That(model.IsArchived, Is.True);
            Assert.That(model.CreatedOn, Is.EqualTo(new DateTimeOffset(2025, 2, 4, 6, 55, 53, TimeSpan.Zero).AddTicks(5131853)));
        });
    }

    [Test]
    public void ModelTypesCompareCaseInsensitivelyAndDefaultToCustom()
    {
        Assert.That(new ModelType("MLFLOW_MODEL"), Is.EqualTo(ModelType.MlflowModel));
        Assert.That(default(ModelType).ToString(), Is.EqualTo("custom_model"));
        Assert.That(new Model().Type, Is.EqualTo(ModelType.CustomModel));
    }

    [Test]
    public void ErrorEnvelopeReadsCodeMessageAndDetails()
    {
        var error = Json.Received("""{"error":{"code":"UserError","message":"Asset paths cannot be updated.","details":[{"code":"Inner","message":"m"}]}}""", Json.Context.ErrorResponseData);
        Assert.That(error.Error!.Code, Is.EqualTo("UserError"));
        Assert.That(error.Error.Details![0].Code, Is.EqualTo("Inner"));
    }
}
