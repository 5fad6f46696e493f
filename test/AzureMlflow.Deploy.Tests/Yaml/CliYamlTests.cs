using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Yaml;

/// <summary>CLI v2 YAML, read from the reference files users write, written back, and refused precisely.</summary>
public sealed class CliYamlTests
{
    private string _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = Directory.CreateTempSubdirectory("aml-yaml-").FullName;

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_temp, recursive: true);

    [Test]
    public void OnlineEndpointsLoad()
    {
        ManagedOnlineEndpoint endpoint = ManagedOnlineEndpoint.Load(ExampleFiles.PathOf("cli-yaml/endpoints/online/online_endpoint_create_mir.yml"));
        Assert.That((endpoint.Name, endpoint.AuthMode, endpoint.Description), Is.EqualTo(("mire2etest", EndpointAuthMode.AmlToken, "some description")));
        Assert.That(endpoint.Tags["endpointkey1"], Is.EqualTo("newval1"));
        Assert.That(endpoint.Identity!.Type, Is.EqualTo(ManagedIdentityType.SystemAssigned));
        Assert.That(endpoint.Traffic, Is.Empty);
    }

    [Test]
    public void AnInlineMlflowModelWithTheOlderKeysResolvesItsLocalPath()
    {
        string file = ExampleFiles.PathOf("mlflow/online/sklearn-deployment.yaml");
        ManagedOnlineDeployment deployment = ManagedOnlineDeployment.Load(file);

        Assert.That((deployment.Name, deployment.EndpointName, deployment.InstanceType, deployment.InstanceCount), Is.EqualTo(("sklearn-deployment", "my-endpoint", "Standard_F2s_v2", 1)));
        Model model = deployment.Model!.Model!;
        Assert.That((model.Name, model.Version, model.Type), Is.EqualTo(("sklearn-diabetes-mlflow-model", "1", ModelType.MlflowModel)));
        Assert.That(model.Path, Is.EqualTo(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "sklearn-diabetes", "model"))));
    }

    [Test]
    public void BatchDeploymentsReadTheSettingsBlockAndTopLevelSettings()
    {
        BatchDeployment heart = BatchDeployment.Load(ExampleFiles.PathOf("mlflow/batch-heart-classifier/deployment.yml"));
        Assert.That(heart.Model!.Reference, Is.EqualTo("azureml:heart-classifier-mlflow@latest"));
        Assert.That((heart.Compute, heart.InstanceCount, heart.MiniBatchSize, heart.MaxConcurrencyPerInstance), Is.EqualTo(("batch-cluster", 2, 2, 2)));
        Assert.That((heart.OutputAction, heart.OutputFileName, heart.ErrorThreshold, heart.LoggingLevel), Is.EqualTo((BatchOutputAction.AppendRow, "predictions.csv", -1, BatchLoggingLevel.Info)));
        Assert.That((heart.RetrySettings!.MaxRetries, heart.RetrySettings.Timeout), Is.EqualTo((3, TimeSpan.FromSeconds(300))));

        BatchDeployment blue = BatchDeployment.Load(ExampleFiles.PathOf("cli-yaml/deployments/batch/batch_deployment_mlflow.yaml"));
        Assert.That((blue.MiniBatchSize, blue.ErrorThreshold, blue.OutputFileName, blue.MaxConcurrencyPerInstance), Is.EqualTo((11, 11, "append_row.txt", 5)));

        BatchEndpoint endpoint = BatchEndpoint.Load(ExampleFiles.PathOf("mlflow/batch-heart-classifier/endpoint.yml"));
        Assert.That((endpoint.Name, endpoint.AuthMode), Is.EqualTo(("heart-classifier-batch", EndpointAuthMode.AadToken)));
    }

    [Test]
    public void ModelsLoadWithFlavorsTagsAndALocalPath()
    {
        string file = ExampleFiles.PathOf("cli-yaml/models/model_full.yml");
        Model model = Model.Load(file);
        Assert.That((model.Name, model.Version, model.Type, model.Description), Is.EqualTo(("my-model6", "3", ModelType.MlflowModel, "this is my test model")));
        Assert.That(model.Path, Is.EqualTo(Path.Combine(Path.GetDirectoryName(file)!, "lightgbm_mlflow_model")));
        Assert.That(model.Tags["abc"], Is.EqualTo("123"));
        Assert.That(model.Flavors["python_function"]["loader_module"], Is.EqualTo("office.plrmodel"));
    }

    [Test]
    public void SavedFilesLoadBackTheSame()
    {
        var endpoint = new ManagedOnlineEndpoint("round-trip") { AuthMode = EndpointAuthMode.Key, Description = "d", Traffic = { ["blue"] = 80, ["green"] = 20 }, MirrorTraffic = { ["green"] = 10 } };
        endpoint.Save(Path.Combine(_temp, "endpoint.yml"));
        ManagedOnlineEndpoint endpointBack = ManagedOnlineEndpoint.Load(Path.Combine(_temp, "endpoint.yml"));
        Assert.That((endpointBack.Name, endpointBack.AuthMode, endpointBack.Description), Is.EqualTo(("round-trip", EndpointAuthMode.Key, "d")));
        Assert.That(endpointBack.Traffic, Is.EquivalentTo(endpoint.Traffic));
        Assert.That(endpointBack.MirrorTraffic, Is.EquivalentTo(endpoint.MirrorTraffic));

        var deployment = new ManagedOnlineDeployment("blue", "round-trip")
        {
            Model = "azureml:diabetes:3",
            InstanceType = "Standard_DS3_v2",
            InstanceCount = 2,
            RequestSettings = new OnlineRequestSettings { RequestTimeout = TimeSpan.FromSeconds(3), MaxConcurrentRequestsPerInstance = 4 },
            LivenessProbe = new ProbeSettings { Period = TimeSpan.FromSeconds(20), FailureThreshold = 5 },
            EnvironmentVariables = { ["MODE"] = "fast" },
        };
        deployment.Save(Path.Combine(_temp, "deployment.yml"));
        ManagedOnlineDeployment deploymentBack = ManagedOnlineDeployment.Load(Path.Combine(_temp, "deployment.yml"));
        Assert.That((deploymentBack.Model!.Reference, deploymentBack.InstanceCount, deploymentBack.RequestSettings!.RequestTimeout, deploymentBack.LivenessProbe!.Period),
            Is.EqualTo(("azureml:diabetes:3", 2, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20))));
        Assert.That(deploymentBack.EnvironmentVariables["MODE"], Is.EqualTo("fast"));

        BatchDeployment heart = BatchDeployment.Load(ExampleFiles.PathOf("mlflow/batch-heart-classifier/deployment.yml"));
        heart.Save(Path.Combine(_temp, "batch.yml"));
        BatchDeployment heartBack = BatchDeployment.Load(Path.Combine(_temp, "batch.yml"));
        Assert.That((heartBack.Compute, heartBack.InstanceCount, heartBack.MiniBatchSize, heartBack.RetrySettings!.Timeout, heartBack.OutputAction),
            Is.EqualTo((heart.Compute, heart.InstanceCount, heart.MiniBatchSize, heart.RetrySettings!.Timeout, heart.OutputAction)));

        Model model = Model.Load(ExampleFiles.PathOf("cli-yaml/models/model_full.yml"));
        model.Save(Path.Combine(_temp, "model.yml"));
        Model modelBack = Model.Load(Path.Combine(_temp, "model.yml"));
        Assert.That((modelBack.Name, modelBack.Version, modelBack.Type, modelBack.Path), Is.EqualTo((model.Name, model.Version, model.Type, model.Path)));
        Assert.That(modelBack.Flavors["sklearn"]["sklearn_version"], Is.EqualTo("0.23.2"));
    }

    [Test]
    public void SavingKeepsAnInlineModelWithItsPathRelativeToTheSavedFile()
    {
        string source = Path.Combine(_temp, "src");
        Directory.CreateDirectory(Path.Combine(source, "model"));
        File.WriteAllText(Path.Combine(source, "deployment.yml"),
            "name: blue\nendpoint_name: ep\nmodel:\n  path: model/\n  type: mlflow_model\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n");
        ManagedOnlineDeployment deployment = ManagedOnlineDeployment.Load(Path.Combine(source, "deployment.yml"));

        string beside = Path.Combine(source, "saved.yml");
        deployment.Save(beside);
        string deeper = Path.Combine(_temp, "out", "deep", "saved.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(deeper)!);
        deployment.Save(deeper);

        Assert.That(File.ReadAllText(beside), Does.Contain("path: model").And.Contain("type: mlflow_model").And.Not.Contain(_temp));
        Assert.That(File.ReadAllText(deeper), Does.Contain("path: ../../src/model").And.Not.Contain(_temp));
        foreach (string saved in new[] { beside, deeper })
        {
            Model back = ManagedOnlineDeployment.Load(saved).Model!.Model!;
            Assert.That((back.Id, back.Type, Path.TrimEndingDirectorySeparator(back.Path!)),
                Is.EqualTo(((string?)null, ModelType.MlflowModel, Path.TrimEndingDirectorySeparator(deployment.Model!.Model!.Path!))), saved);
        }
    }

    [Test]
    public void SavingKeepsUserAssignedIdentities()
    {
        const string Identity = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/scorer";
        var endpoint = new ManagedOnlineEndpoint("with-identity") { Identity = new ManagedIdentity(ManagedIdentityType.UserAssigned) { UserAssignedIdentities = { Identity } } };
        string file = Path.Combine(_temp, "endpoint.yml");

        endpoint.Save(file);
        ManagedIdentity back = ManagedOnlineEndpoint.Load(file).Identity!;

        Assert.That((back.Type, back.UserAssignedIdentities.Single()), Is.EqualTo((ManagedIdentityType.UserAssigned, Identity)));
        Assert.That(File.ReadAllText(file), Does.Contain("type: user_assigned"));
    }

    [Test]
    public void KubernetesEndpointsAndDeploymentsLoadSaveAndLoadBackTheSame()
    {
        // The shapes of azureml-examples' cli/endpoints/online/kubernetes YAML (values our own; no inline environment).
        string endpointFile = Path.Combine(_temp, "kubernetes-endpoint.yml");
        File.WriteAllText(endpointFile, "name: my-endpoint\ncompute: azureml:inferencecompute\nauth_mode: key\ntags:\n  team: ml\n");
        string deploymentFile = Path.Combine(_temp, "kubernetes-blue-deployment.yml");
        File.WriteAllText(deploymentFile, string.Join("\n",
            "$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json", "name: blue", "type: kubernetes",
            "endpoint_name: my-endpoint", "model: azureml:diabetes:3", "instance_type: defaultinstancetype", "instance_count: 2",
            "resources:", "  requests:", "    cpu: \"0.1\"", "    memory: \"0.1Gi\"", "  limits:", "    cpu: \"0.2\"", "    memory: \"200Mi\"",
            "request_settings:", "  request_timeout_ms: 3000", "app_insights_enabled: true", "model_mount_path: /var/models/diabetes", ""));

        KubernetesOnlineEndpoint endpoint = KubernetesOnlineEndpoint.Load(endpointFile);
        KubernetesOnlineDeployment deployment = KubernetesOnlineDeployment.Load(deploymentFile);
        endpoint.Save(Path.Combine(_temp, "endpoint-back.yml"));
        deployment.Save(Path.Combine(_temp, "deployment-back.yml"));
        KubernetesOnlineEndpoint endpointBack = KubernetesOnlineEndpoint.Load(Path.Combine(_temp, "endpoint-back.yml"));
        KubernetesOnlineDeployment back = KubernetesOnlineDeployment.Load(Path.Combine(_temp, "deployment-back.yml"));

        Assert.That((endpoint.Compute, endpointBack.Compute, endpointBack.AuthMode, endpointBack.Tags["team"]), Is.EqualTo(("inferencecompute", "inferencecompute", EndpointAuthMode.Key, "ml")));
        Assert.That((back.InstanceType, back.InstanceCount, back.ResourceRequests!.Cpu, back.ResourceRequests.Memory, back.ResourceLimits!.Memory, back.RequestSettings!.RequestTimeout, back.AppInsightsEnabled),
            Is.EqualTo(("defaultinstancetype", (int?)2, "0.1", "0.1Gi", "200Mi", (TimeSpan?)TimeSpan.FromSeconds(3), (bool?)true)));
        Assert.That(back.Model!.Reference, Is.EqualTo(deployment.Model!.Reference));
        Assert.That((deployment.ModelMountPath, back.ModelMountPath), Is.EqualTo(("/var/models/diabetes", "/var/models/diabetes")));
        Assert.That(() => ManagedOnlineEndpoint.Load(endpointFile), Throws.TypeOf<CliYamlException>().With.Message.Contains("load it with KubernetesOnlineEndpoint.Load"));
        Assert.That(() => KubernetesOnlineDeployment.Load(ExampleFiles.PathOf("cli-yaml/endpoints/online/online_endpoint_create_mir.yml")), Throws.TypeOf<CliYamlException>());
    }

    // Unknown keys, wrong types and bad YAML are in the bad-input corpus (Corpus/cli-yaml).

    [Test]
    public void InlineEnvironmentsAndLocalCodeLoadRelativeToTheFile()
    {
        Assert.That(() => ManagedOnlineDeployment.Load(ExampleFiles.PathOf("cli-yaml/deployments/online/online_deployment_blue.yaml")),
            Throws.TypeOf<CliYamlException>().With.Message.Contains("this is a Kubernetes deployment ('type: kubernetes'); load it with KubernetesOnlineDeployment.Load"));
        string online = ExampleFiles.PathOf("cli-yaml/deployments/online/online_deployment_mir.yaml");
        ManagedOnlineDeployment deployment = ManagedOnlineDeployment.Load(online);
        string folder = Path.GetDirectoryName(online)!;
        MLEnvironment environment = deployment.Environment!.Environment!;
        Assert.Multiple(() =>
        {
            Assert.That((environment.Name, environment.Version, environment.Image), Is.EqualTo(("online-endpoint-mir-test", "1", "mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04:20210727.v1")));
            Assert.That(environment.CondaFile, Is.EqualTo(Path.GetFullPath(Path.Combine(folder, "../model-1/environment/conda.yml"))));
            Assert.That(deployment.CodeConfiguration!.Code, Is.EqualTo(Path.GetFullPath(Path.Combine(folder, "../model-1/onlinescoring/"))));
            Assert.That(deployment.CodeConfiguration.ScoringScript, Is.EqualTo("score.py"));
        });

        BatchDeployment batch = BatchDeployment.Load(ExampleFiles.PathOf("cli-yaml/deployments/batch/batch_deployment_1.yaml"));
        Assert.That(batch.Environment!.Reference, Is.EqualTo("azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu:1"));
        Assert.That(batch.CodeConfiguration!.Code, Does.EndWith("endpoint_scoring"));
        Assert.That(batch.CodeConfiguration.ScoringScript, Is.EqualTo("./main.py"));
    }

}
