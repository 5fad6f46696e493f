using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Emulator.Diagnostics;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>
/// Deployments with a scoring script and an environment: local code becomes a code asset (found again by its content
/// hash), an inline environment an anonymous one, and the deployment sends both as ids, as the Python SDK does. What is
/// checked is what the SDK sends, so a custom scorer stands in for the script's container (no Python needed; running
/// scripts is ScoringScriptTests').
/// </summary>
public sealed class CodeDeploymentTests : EmulatorTestBase
{
    private const string Image = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest";
    private const string ScoreScript = "def init():\n    pass\n\ndef run(raw_data):\n    return raw_data\n";
    private string _folder = null!;
    private string _code = null!;

    [SetUp]
    public void CreateCodeFolder()
    {
        _folder = Directory.CreateTempSubdirectory("aml-code-").FullName;
        _code = Path.Combine(_folder, "onlinescoring");
        Directory.CreateDirectory(Path.Combine(_code, "utils"));
        File.WriteAllText(Path.Combine(_code, "score.py"), ScoreScript);
        // Content of each test's own: code found by its hash would otherwise be shared between the fixture's tests.
        File.WriteAllText(Path.Combine(_code, "utils", "Helper.py"), $"X = '{Guid.NewGuid()}'\n");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    /// <summary>An MLflow model whose deployments the emulator serves with a stand-in scorer, not through Python.</summary>
    private async Task<Model> RegisterStandInModelAsync()
    {
        Model model = await RegisterMlflowModelAsync(UniqueName("mlflow"));
        Emulator.Scorers.Register(model.Name!, _ => new System.Text.Json.Nodes.JsonArray());
        return model;
    }

    [Test]
    public async Task LocalCodeIsUploadedOnceAndRegisteredAsPythonRegistersIt()
    {
        // Python's get_content_hash of these two files (computed with the Python SDK's algorithm).
        File.WriteAllText(Path.Combine(_code, "utils", "Helper.py"), "Z = 3\n");
        const string PythonHash = "37f3ae44055540df55ab8f0518e370da4ff824e023315dc987239c2b4e4307a6";
        CodeAsset code = (await Client.CodeAssets.CreateOrUpdateAsync(new CodeAsset(_code))).Value;

        Assert.Multiple(() =>
        {
            Assert.That(code.ContentHash, Is.EqualTo(PythonHash));
            Assert.That(code.Version, Is.EqualTo("1"));
            Assert.That(Guid.TryParse(code.Name, out _), Is.True, "anonymous code is named with a new GUID, as in Python");
            Assert.That(code.Id, Is.EqualTo($"{WorkspaceResourceId}/codes/{code.Name}/versions/1"));
            Assert.That(code.CodeUri!.AbsolutePath, Does.EndWith("/onlinescoring"), "the code URI is the uploaded folder");
        });
        RecordedRequest[] requests = Emulator.Requests.Snapshot().ToArray();
        RecordedRequest lookup = requests.Single(r => r.Method == "GET" && r.Path.Contains("/codes/", StringComparison.Ordinal) && r.Query.Contains("hash=", StringComparison.Ordinal));
        RecordedRequest pending = requests.Single(r => r.Method == "POST" && r.Path.EndsWith("/startPendingUpload", StringComparison.Ordinal));
        RecordedRequest put = requests.Single(r => r.Method == "PUT" && r.Path.EndsWith($"/codes/{code.Name}/versions/1", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(lookup.Query, Does.Contain($"hash={PythonHash}").And.Contain("hashVersion=202208"));
            Assert.That(pending.Body, Is.EqualTo("{\"pendingUploadType\":\"TemporaryBlobReference\"}"));
            Assert.That(put.Body, Does.Contain($"\"codeUri\":\"{code.CodeUri!.AbsoluteUri}\"")
                .And.Contain($"\"properties\":{{\"hash_sha256\":\"{PythonHash}\",\"hash_version\":\"202208\"}}")
                .And.Contain("\"isAnonymous\":true").And.Contain("\"isArchived\":false"));
        });

        // The files are in the container the service handed out, the first one marked complete.
        string container = code.CodeUri!.Segments[^2].TrimEnd('/');
        BlobContainerClient blobs = Emulator.BlobService!.GetBlobContainerClient(container);
        List<string> names = [];
        await foreach (BlobItem blob in blobs.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }
        Assert.That(names, Is.EqualTo(new[] { "onlinescoring/score.py", "onlinescoring/utils/Helper.py" }));
        BlobProperties indicator = (await blobs.GetBlobClient("onlinescoring/score.py").GetPropertiesAsync()).Value;
        Assert.That(indicator.Metadata["upload_status"], Is.EqualTo("completed"));

        // The same content again: found by its hash, nothing uploaded or registered.
        int before = Emulator.Requests.Snapshot().Count();
        CodeAsset again = (await Client.CodeAssets.CreateOrUpdateAsync(new CodeAsset(_code))).Value;
        RecordedRequest[] second = Emulator.Requests.Snapshot().Skip(before).ToArray();
        Assert.That(again.Id, Is.EqualTo(code.Id));
        Assert.That(second.Select(r => r.Method), Is.EqualTo(new[] { "GET", "GET" }), "a hash lookup and a read of the hit");

        // Changed content is new code.
        File.AppendAllText(Path.Combine(_code, "utils", "Helper.py"), "Y = 2\n");
        CodeAsset changed = (await Client.CodeAssets.CreateOrUpdateAsync(new CodeAsset(_code))).Value;
        Assert.That((changed.Id, changed.ContentHash), Is.Not.EqualTo((code.Id, code.ContentHash)));
    }

    [Test]
    public async Task NamedCodeKeepsItsNameAndAVersionCannotChangeContent()
    {
        string name = UniqueName("score");
        CodeAsset first = (await Client.CodeAssets.CreateOrUpdateAsync(new CodeAsset(_code) { Name = name, Version = "1", Description = "scoring" })).Value;
        Assert.That((first.Name, first.Version, first.IsAnonymous, first.Description), Is.EqualTo((name, "1", false, "scoring")));
        Assert.That((await Client.CodeAssets.GetAsync(name, "1")).Value.CodeUri, Is.EqualTo(first.CodeUri));

        File.WriteAllText(Path.Combine(_code, "score.py"), ScoreScript + "# changed\n");
        Assert.That(async () => await Client.CodeAssets.CreateOrUpdateAsync(new CodeAsset(_code) { Name = name, Version = "1" }),
            Throws.TypeOf<RequestFailedException>().With.Message.Contains($"The code asset {name}:1 is already registered with other content")
                .And.Property(nameof(RequestFailedException.Status)).EqualTo(400));
        Assert.That(() => Client.CodeAssets.CreateOrUpdate(new CodeAsset(_code) { Version = "2" }), Throws.ArgumentException.With.Message.Contains("If version is specified, name must be specified also."));
        Assert.That(() => Client.CodeAssets.CreateOrUpdate(new CodeAsset(Path.Combine(_folder, "missing"))), Throws.ArgumentException.With.Message.Contains("No such file or directory"));
    }

    [Test]
    public async Task CodeAlreadyInADatastoreIsRegisteredAsGivenWithoutAnUpload()
    {
        string folder = $"code/{UniqueName("in-store")}";
        await Emulator.BlobService!.GetBlobContainerClient(Emulator.DefaultDatastoreContainer).GetBlobClient($"{folder}/score.py").UploadAsync(BinaryData.FromString(ScoreScript));
        string uri = $"azureml://datastores/workspaceblobstore/paths/{folder}";
        string name = UniqueName("stored");

        CodeAsset code = (await Client.CodeAssets.CreateOrUpdateAsync(new CodeAsset(uri) { Name = name, Version = "3" })).Value;

        Assert.That((code.Id, code.CodeUri!.OriginalString), Is.EqualTo(($"{WorkspaceResourceId}/codes/{name}/versions/3", uri)));
        RecordedRequest[] sent = [.. Emulator.Requests.Snapshot()];
        Assert.That(sent.Select(r => $"{r.Method} {r.Path[(r.Path.IndexOf("/codes/", StringComparison.Ordinal) + 1)..]}"), Is.EqualTo(new[] { $"PUT codes/{name}/versions/3" }),
            "no hash lookup and no upload: the code is already in storage");

        string endpoint = UniqueName("stored-ep");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        Model model = await RegisterStandInModelAsync();
        OnlineDeployment deployed = (await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", endpoint)
        {
            Model = model, InstanceType = "Standard_DS3_v2", CodeConfiguration = new CodeConfiguration($"azureml:{name}:3", "score.py"), Environment = "azureml:AzureML-sklearn-1.5:1",
        })).Value;
        Assert.That(deployed.CodeConfiguration!.Code, Is.EqualTo(code.Id));
    }

    [Test]
    public async Task AnOnlineDeploymentSendsItsCodeAndInlineEnvironmentAsIds()
    {
        string conda = Path.Combine(_folder, "conda.yml");
        // The conda file of the recorded anonymous environment, written with another indentation and key order.
        File.WriteAllText(conda, "name: model-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.9\n  - numpy=1.23.5\n  - pip=23.0.1\n  - scikit-learn=1.2.2\n  - scipy=1.10.1\n  - pip:\n      - azureml-defaults==1.56.0.post1\n      - inference-schema[numpy-support]==1.7\n      - joblib==1.2.0\n");
        string endpoint = UniqueName("code-ep");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        Model model = await RegisterStandInModelAsync();

        var deployment = new ManagedOnlineDeployment("blue", endpoint)
        {
            Model = model,
            InstanceType = "Standard_DS3_v2",
            CodeConfiguration = new CodeConfiguration(_code, "score.py"),
            Environment = new MLEnvironment { Image = Image, CondaFile = conda },
        };
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment);

        // The version Python gives this image and conda file (recorded: test_online_deployment_skip_script_validation).
        string environmentId = $"{WorkspaceResourceId}/environments/CliV2AnonymousEnvironment/versions/0512a9608a3ea998505d1b3d4796a7cd";
        RecordedRequest environmentPut = Emulator.Requests.Snapshot().Single(r => r.Method == "PUT" && r.Path.Contains("/environments/CliV2AnonymousEnvironment/", StringComparison.Ordinal));
        Assert.That(environmentPut.Body, Is.EqualTo(
            "{\"properties\":{\"image\":\"" + Image + "\",\"condaFile\":\"channels:\\n- conda-forge\\ndependencies:\\n- python=3.9\\n- numpy=1.23.5\\n- pip=23.0.1\\n- scikit-learn=1.2.2\\n- scipy=1.10.1\\n" +
            "- pip:\\n  - azureml-defaults==1.56.0.post1\\n  - inference-schema[numpy-support]==1.7\\n  - joblib==1.2.0\\nname: model-env\\n\",\"isAnonymous\":true,\"isArchived\":false}}"));

        OnlineDeployment read = (await Client.OnlineDeployments.GetAsync("blue", endpoint)).Value;
        Assert.Multiple(() =>
        {
            Assert.That(read.Environment!.Reference, Is.EqualTo(environmentId));
            Assert.That(read.CodeConfiguration!.Code, Does.StartWith($"{WorkspaceResourceId}/codes/").And.EndWith("/versions/1"));
            Assert.That(read.CodeConfiguration.ScoringScript, Is.EqualTo("score.py"));
            Assert.That(read.ProvisioningState, Is.EqualTo(DeploymentProvisioningState.Succeeded));
        });

        // Deploying the same code and environment again registers nothing new.
        int before = Emulator.Requests.Snapshot().Count();
        deployment.InstanceCount = 2;
        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment);
        RecordedRequest[] again = Emulator.Requests.Snapshot().Skip(before).ToArray();
        Assert.That(again.Where(r => r.Path.EndsWith("/startPendingUpload", StringComparison.Ordinal)), Is.Empty, "the code is found by its hash");
        Assert.That((await Client.OnlineDeployments.GetAsync("blue", endpoint)).Value.CodeConfiguration!.Code, Is.EqualTo(read.CodeConfiguration!.Code));
    }

    [Test]
    public async Task DeploymentYamlWithAnInlineEnvironmentAndLocalCodeDeploys()
    {
        string endpoint = UniqueName("yaml-ep");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        Model model = await RegisterStandInModelAsync();
        File.WriteAllText(Path.Combine(_folder, "conda.yml"), "dependencies:\n  - python=3.10\n  - pip:\n    - azureml-inference-server-http\n");
        string yaml = Path.Combine(_folder, "blue.yml");
        File.WriteAllText(yaml, "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\nname: blue\n" +
            $"endpoint_name: {endpoint}\nmodel: azureml:{model.Name}:{model.Version}\ncode_configuration:\n  code: ./onlinescoring\n  scoring_script: score.py\n" +
            $"environment:\n  conda_file: conda.yml\n  image: {Image}\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n");

        await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, ManagedOnlineDeployment.Load(yaml));

        OnlineDeployment read = (await Client.OnlineDeployments.GetAsync("blue", endpoint)).Value;
        Assert.That(read.Environment!.Reference, Does.StartWith($"{WorkspaceResourceId}/environments/CliV2AnonymousEnvironment/versions/"));
        Assert.That(read.CodeConfiguration!.Code, Does.StartWith($"{WorkspaceResourceId}/codes/"));
        CodeAsset code = (await Client.CodeAssets.GetAsync(read.CodeConfiguration.Code.Split('/')[^3], "1")).Value;
        Assert.That(code.CodeUri!.AbsolutePath, Does.EndWith("/onlinescoring"), "the folder the YAML names, relative to the YAML file");
    }

    [Test]
    public async Task ABatchDeploymentRunsItsScriptInANamedEnvironment()
    {
        string endpoint = UniqueName("code-be");
        string compute = await CreateClusterAsync();
        await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpoint));
        MLEnvironment environment = (await Client.Environments.CreateOrUpdateAsync(new MLEnvironment { Name = UniqueName("batch-env"), Image = Image })).Value;
        Model model = await RegisterStandInModelAsync();

        await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchDeployment("scripted", endpoint)
        {
            Model = model, Compute = compute, CodeConfiguration = new CodeConfiguration(_code, "score.py"), Environment = environment.Reference!,
            OutputAction = BatchOutputAction.AppendRow, OutputFileName = "predictions.csv",
        });

        BatchDeployment read = (await Client.BatchDeployments.GetAsync("scripted", endpoint)).Value;
        Assert.That(read.Environment!.Reference, Is.EqualTo(environment.Id));
        Assert.That(read.CodeConfiguration!.Code, Does.StartWith($"{WorkspaceResourceId}/codes/"));
    }

    [Test]
    public async Task ScriptsWithoutAnEnvironmentAndUnknownAssetsAreRefused()
    {
        string endpoint = UniqueName("code-ep");
        Assert.That(() => Client.BatchDeployments.BeginCreateOrUpdate(WaitUntil.Started, new BatchDeployment("batch-b", endpoint)
        {
            Model = "azureml:m:1", Compute = "c", CodeConfiguration = new CodeConfiguration(_code, "score.py"),
        }), Throws.ArgumentException.With.Message.Contains("has a scoring script but no Environment").And.Message.Contains("'Environment Id' must not be empty."));
        Assert.That(() => Client.OnlineDeployments.BeginCreateOrUpdate(WaitUntil.Started, new ManagedOnlineDeployment("blue", endpoint)
        {
            Model = "azureml:m:1", InstanceType = "x", CodeConfiguration = new CodeConfiguration(_code, "missing.py"), Environment = "azureml:e:1",
        }), Throws.ArgumentException.With.Message.Contains("The scoring script 'missing.py' is not in the code folder"));
        Assert.That(() => Client.OnlineDeployments.BeginCreateOrUpdate(WaitUntil.Started, new ManagedOnlineDeployment("blue", endpoint)
        {
            Model = "azureml:m:1", InstanceType = "x", CodeConfiguration = new CodeConfiguration("azureml:score", "score.py"), Environment = "azureml:e:1",
        }), Throws.ArgumentException.With.Message.Contains("must be 'azureml:<name>:<version>'"));
        Assert.That(Emulator.Requests.Snapshot().Where(r => r.Path.Contains(endpoint, StringComparison.Ordinal)), Is.Empty, "refused before any request");

        // References the workspace does not hold are refused by the service when the deployment is submitted.
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        Model model = await RegisterMlflowModelAsync(UniqueName("mlflow"));
        Assert.That(async () => await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineDeployment("blue", endpoint)
        {
            Model = model, InstanceType = "Standard_DS3_v2", CodeConfiguration = new CodeConfiguration("azureml:nothing-here:1", "score.py"), Environment = "azureml:AzureML-sklearn-1.5:1",
        }), Throws.TypeOf<RequestFailedException>().With.Message.Contains("Code 'nothing-here' version '1' was not found in the workspace."));
    }
}
