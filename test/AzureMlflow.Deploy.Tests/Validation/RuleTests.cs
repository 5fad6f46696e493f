using AzureMlflow.Deploy.Validation;
using NUnit.Framework;

namespace AzureMlflow.Deploy.Tests.Validation;

public class RuleTests
{
    [TestCase("ab", "at least 3 and at most 32")]
    [TestCase("a23456789012345678901234567890123", "at least 3 and at most 32")]
    [TestCase("1abc", "must start with a letter")]
    [TestCase("abc-", "end with a letter or digit")]
    [TestCase("ab_c", "contain only letters, digits and '-'")]
    [TestCase("ab c", "contain only letters, digits and '-'")]
    public void EndpointNamesFollowTheServiceRules(string name, string message) =>
        Assert.That(() => NameRules.ValidateEndpointName(name, "name"), Throws.ArgumentException.With.Message.Contains(message));

    [TestCase("abc")]
    [TestCase("My-Endpoint-01")]
    [TestCase("a2345678901234567890123456789012")]
    public void ValidEndpointNamesPass(string name) => Assert.That(() => NameRules.ValidateEndpointName(name, "name"), Throws.Nothing);

    [Test]
    public void TrafficMustSumTo100OrAllZero()
    {
        Assert.That(() => TrafficRules.Validate(Split(("blue", 60), ("green", 30)), Split(), "ep", null),
            Throws.ArgumentException.With.Message.Contains("sums to 90 (blue=60, green=30)"));
        Assert.That(() => TrafficRules.Validate(Split(("blue", 0), ("green", 0)), Split(), "ep", null), Throws.Nothing);
        Assert.That(() => TrafficRules.Validate(Split(("blue", 70), ("green", 30)), Split(), "ep", null), Throws.Nothing);
    }

    [Test]
    public void TrafficValuesStayWithin0And100() =>
        Assert.That(() => TrafficRules.Validate(Split(("blue", 120), ("green", -20)), Split(), "ep", null),
            Throws.ArgumentException.With.Message.Contains("between 0 and 100"));

    [Test]
    public void MirrorTrafficIsAtMost50AndNeverToTheFullTrafficDeployment()
    {
        Assert.That(() => TrafficRules.Validate(Split(("blue", 100)), Split(("green", 60)), "ep", null),
            Throws.ArgumentException.With.Message.Contains("Mirror traffic on endpoint 'ep' sums to 60"));
        Assert.That(() => TrafficRules.Validate(Split(("blue", 100)), Split(("blue", 10)), "ep", null),
            Throws.ArgumentException.With.Message.Contains("'blue' on endpoint 'ep' receives 100% of live traffic"));
    }

    [Test]
    public void TrafficMustNameExistingDeploymentsWhenKnown() =>
        Assert.That(() => TrafficRules.Validate(Split(("blue", 50), ("red", 50)), Split(), "ep", ["blue", "green"]),
            Throws.ArgumentException.With.Message.Contains("'red', which does not exist on endpoint 'ep' (deployments: blue, green)"));

    [Test]
    public void MlflowModelsMustBeFolders()
    {
        var model = new Model { Name = "m", Type = ModelType.MlflowModel, Path = "azureml://datastores/workspaceblobstore/paths/models/model.pkl" };
        Assert.That(() => ModelRules.ValidateForRegistration(model), Throws.ArgumentException.With.Message.Contains("mlflow_model is a folder"));

        string file = Path.GetTempFileName();
        try
        {
            model.Path = file;
            Assert.That(() => ModelRules.ValidateForRegistration(model), Throws.ArgumentException.With.Message.Contains("mlflow_model is a folder"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void AVersionNeedsAName() =>
        Assert.That(() => ModelRules.ValidateForRegistration(new Model { Version = "1", Path = "azureml://datastores/d/paths/p" }),
            Throws.ArgumentException.With.Message.Contains("If a model version is given, the model name must be given too."));

    [Test]
    public void RemoteFormsAreAccepted()
    {
        foreach (string path in new[] { "azureml://datastores/d/paths/model", "azureml://jobs/j/outputs/artifacts/paths/model/", "runs:/run-1/model", "https://acct.blob.core.windows.net/c/model" })
        {
            Assert.That(() => ModelRules.ValidateForRegistration(new Model { Name = "m", Type = ModelType.MlflowModel, Path = path }), Throws.Nothing, path);
        }
    }

    [Test]
    public void DeploymentsNeedAModelAndAnInstanceType()
    {
        Assert.That(() => DeploymentRules.Validate(new ManagedOnlineDeployment("blue", "ep-1") { InstanceType = "Standard_DS3_v2" }),
            Throws.ArgumentException.With.Message.Contains("Deployment 'blue' has no Model"));
        Assert.That(() => DeploymentRules.Validate(new ManagedOnlineDeployment("blue", "ep-1") { Model = "azureml:m:1" }),
            Throws.ArgumentException.With.Message.Contains("has no InstanceType"));
        Assert.That(() => DeploymentRules.Validate(new ManagedOnlineDeployment("blue", "ep-1") { Model = "azureml:m:1", InstanceType = "x", InstanceCount = 0 }),
            Throws.ArgumentException.With.Message.Contains("InstanceCount 0; it must be at least 1"));
        Assert.That(() => DeploymentRules.Validate(new ManagedOnlineDeployment("blue", "ep-1")
        {
            Model = "azureml:m:1",
            InstanceType = "x",
            RequestSettings = new OnlineRequestSettings { RequestTimeout = TimeSpan.Zero },
        }), Throws.ArgumentException.With.Message.Contains("RequestSettings.RequestTimeout is 00:00:00; it must be positive"));
    }

    [Test]
    public void OnlyMlflowModelsDeployWithoutAScoringScript()
    {
        var custom = new Model { Name = "pickled", Type = ModelType.CustomModel, Path = "azureml://datastores/workspaceblobstore/paths/m/model.pkl" };
        Assert.That(() => DeploymentRules.Validate(new ManagedOnlineDeployment("blue", "ep-1") { Model = custom, InstanceType = "x" }),
            Throws.ArgumentException.With.Message.Contains("serves a custom_model model without a scoring script").And.Message.Contains("Could not find driver program in the request."));
        Assert.That(() => DeploymentRules.Validate(new ManagedOnlineDeployment("blue", "ep-1")
        {
            Model = custom, InstanceType = "x", CodeConfiguration = new CodeConfiguration("azureml:code:1", "score.py"), Environment = "azureml:env:1",
        }), Throws.Nothing);
    }

    [Test]
    public void MessagesNameADeploymentAsTheUserWroteIt()
    {
        Assert.That(() => DeploymentRules.Validate(new ManagedOnlineDeployment("Blue_1", "ep-1") { Model = "azureml:m:1", InstanceType = "x" }),
            Throws.ArgumentException.With.Message.Contains("'Blue_1'"));
        Assert.That(() => BatchRules.Validate(new ModelBatchDeployment("Green_2", "ep-1") { Model = "azureml:m:1", Compute = "cpu" }),
            Throws.ArgumentException.With.Message.Contains("'Green_2'"));
    }

    private static Dictionary<string, int> Split(params (string Name, int Percent)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Percent, StringComparer.OrdinalIgnoreCase);
}
