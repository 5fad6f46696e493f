using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Tests.Infrastructure;
using NUnit.Framework;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy.Tests.Serialization;

public class DeploymentSerializationTests
{
    [Test]
    public void ReadsTheServiceShapeOfAManagedDeployment()
    {
        var data = Json.Received(ExampleFiles.Read("cli-yaml/deployments/online/online_deployment_managed_rest.json"), Json.Context.OnlineDeploymentData);
        OnlineDeployment deployment = DeploymentMapper.FromWire(data);

        Assert.Multiple(() =>
        {
            Assert.That(deployment.Name, Is.EqualTo("blue"));
            Assert.That(deployment.EndpointName, Is.EqualTo("some-endpoint"));
            Assert.That(deployment.InstanceCount, Is.EqualTo(3));
            Assert.That(deployment.InstanceType, Is.EqualTo("Standard_DS3_v2"));
            Assert.That(deployment.Model!.Reference, Is.EqualTo("model-id"));
            Assert.That(deployment.Environment!.Reference, Is.EqualTo("azureml://registries/azureml/environments/designer-r/versions/99"));
            Assert.That(deployment.CodeConfiguration!.ScoringScript, Is.EqualTo("score.py"));
            Assert.That(deployment.RequestSettings!.RequestTimeout, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(deployment.RequestSettings.MaxQueueWait, Is.EqualTo(TimeSpan.Zero));
            Assert.That(deployment.RequestSettings.MaxConcurrentRequestsPerInstance, Is.EqualTo(1));
            Assert.That(deployment.LivenessProbe!.FailureThreshold, Is.EqualTo(30));
            Assert.That(deployment.LivenessProbe.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(deployment.ReadinessProbe!.Period, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(deployment.ReadinessProbe.InitialDelay, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(deployment.EnvironmentVariables["AZUREML_ENTRY_SCRIPT"], Is.EqualTo("score.py"));
            Assert.That(((ManagedOnlineDeployment)deployment).EgressPublicNetworkAccess, Is.EqualTo(NetworkAccess.Enabled));
            Assert.That(deployment.AppInsightsEnabled, Is.False);
            Assert.That(deployment.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Creating));
            Assert.That(deployment.Tags["tagName"], Is.EqualTo("tagValue"));
        });
    }

    [Test]
    public void WritesAnMlflowNoCodeDeployment()
    {
        var deployment = new ManagedOnlineDeployment("Blue", "my-endpoint")
        {
            InstanceType = "Standard_F4s_v2",
            InstanceCount = 2,
            RequestSettings = new OnlineRequestSettings
            {
                RequestTimeout = TimeSpan.FromMilliseconds(1500),
                MaxQueueWait = TimeSpan.FromMilliseconds(250),
                MaxConcurrentRequestsPerInstance = 4,
            },
            LivenessProbe = new ProbeSettings { InitialDelay = TimeSpan.FromSeconds(10), Period = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(2), FailureThreshold = 30, SuccessThreshold = 1 },
            ModelMountPath = "/var/models/diabetes",
        };
        deployment.EnvironmentVariables["WORKERS"] = "2";

        JsonObject body = Json.Sent(DeploymentMapper.ToWire(deployment, "/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/models/diabetes/versions/1", "eastus"), Json.Context.OnlineDeploymentData);
        JsonObject properties = body["properties"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(Uris.ResourceIds.OnlineDeploymentPath("my-endpoint", deployment.Name), Does.EndWith("/deployments/blue"), "the service keeps deployment names lower-cased");
            Assert.That(body["sku"]!.ToJsonString(), Is.EqualTo("""{"name":"Default","capacity":2}"""));
            Assert.That(body["location"]!.GetValue<string>(), Is.EqualTo("eastus"));
            Assert.That(properties["endpointComputeType"]!.GetValue<string>(), Is.EqualTo("Managed"));
            Assert.That(properties["model"]!.GetValue<string>(), Does.EndWith("/models/diabetes/versions/1"));
            Assert.That(properties["instanceType"]!.GetValue<string>(), Is.EqualTo("Standard_F4s_v2"));
            Assert.That(properties["requestSettings"]!.ToJsonString(), Is.EqualTo("""{"requestTimeout":"PT1.5S","maxConcurrentRequestsPerInstance":4}"""),
                "maxQueueWait is deprecated for managed deployments and not sent");
            Assert.That(properties["livenessProbe"]!.ToJsonString(), Is.EqualTo("""{"failureThreshold":30,"successThreshold":1,"timeout":"PT2S","period":"PT10S","initialDelay":"PT10S"}"""));
            Assert.That(properties.ContainsKey("scaleSettings"), Is.False, "the service's default scaling, not named (as Python does)");
            Assert.That(body.ContainsKey("kind"), Is.False, "no kind, as Python sends none");
            Assert.That(properties.ContainsKey("environmentId"), Is.False, "no-code MLflow deployments send no environment");
            Assert.That(properties.ContainsKey("codeConfiguration"), Is.False, "no-code MLflow deployments send no scoring script");
            Assert.That(properties.ContainsKey("readinessProbe"), Is.False, "unset settings are omitted, leaving service defaults");
            Assert.That(properties["environmentVariables"]!.ToJsonString(), Is.EqualTo("""{"WORKERS":"2"}"""));
            Assert.That(properties["modelMountPath"]!.GetValue<string>(), Is.EqualTo("/var/models/diabetes"));
        });
    }

    [Test]
    public void MaxQueueWaitIsSentForKubernetesDeploymentsOnlyAndASetValueOnAManagedOneIsAWarning()
    {
        var settings = new OnlineRequestSettings { MaxQueueWait = TimeSpan.FromMilliseconds(250) };
        var kubernetes = new KubernetesOnlineDeployment("k8s", "ep") { RequestSettings = settings };
        var managed = new ManagedOnlineDeployment("managed", "ep") { InstanceType = "Standard_DS3_v2", RequestSettings = settings };
        OnlineDeployment readBack = DeploymentMapper.FromWire(Json.Received("""
            {"name": "read", "properties": {"endpointComputeType": "Managed", "requestSettings": {"requestTimeout": "PT5S", "maxQueueWait": "PT0.5S"}}}
            """, Json.Context.OnlineDeploymentData));

        List<string> warnings = Warnings(() =>
        {
            Assert.That(Sent(kubernetes)["maxQueueWait"]?.GetValue<string>(), Is.EqualTo("PT0.25S"));
            Assert.That(Sent(managed).ContainsKey("maxQueueWait"), Is.False, "deprecated for managed deployments");
            Assert.That(Sent(readBack).ContainsKey("maxQueueWait"), Is.False, "what a GET read is not echoed back in an update");
        });

        Assert.That(readBack.RequestSettings!.MaxQueueWait, Is.EqualTo(TimeSpan.FromMilliseconds(500)), "still read");
        Assert.That(warnings, Has.Count.EqualTo(1).And.One.Contains("Deployment 'managed': RequestSettings.MaxQueueWait is deprecated"), "only the value the caller set");
    }

    private static JsonObject Sent(OnlineDeployment deployment) =>
        Json.Sent(DeploymentMapper.ToWire(deployment, "id", "eastus"), Json.Context.OnlineDeploymentData)["properties"]!["requestSettings"]!.AsObject();

    private static List<string> Warnings(Action action)
    {
        var warnings = new List<string>();
        using (new Azure.Core.Diagnostics.AzureEventSourceListener((e, message) =>
        {
            if (e.EventSource.Name == "AzureMlflow-Deploy")
            {
                lock (warnings)
                {
                    warnings.Add(message);
                }
            }
        }, System.Diagnostics.Tracing.EventLevel.Warning))
        {
            action();
        }
        return warnings;
    }

    [Test]
    public void InstanceCountDefaultsToOne()
    {
        var deployment = new ManagedOnlineDeployment("green", "ep") { InstanceType = "Standard_DS3_v2" };
        JsonObject body = Json.Sent(DeploymentMapper.ToWire(deployment, "id", "eastus"), Json.Context.OnlineDeploymentData);
        Assert.That(body["sku"]!["capacity"]!.GetValue<int>(), Is.EqualTo(1));
    }
}
