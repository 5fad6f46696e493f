using AzureMlflow.Deploy.Emulator.Diagnostics;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Environments: registered with an image and a conda file, versioned, listed, archived; environment YAML.</summary>
public sealed class EnvironmentTests : EmulatorTestBase
{
    private const string Image = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("aml-env-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task AnEnvironmentIsRegisteredVersionedListedAndArchived()
    {
        string name = UniqueName("env");
        string conda = Path.Combine(_folder, "conda.yaml");
        File.WriteAllText(conda, "name: scoring\ndependencies:\n  - python=3.10\n  - pip:\n    - azureml-inference-server-http\n");

        MLEnvironment first = (await Client.CreateOrUpdateAsync(new MLEnvironment { Name = name, Image = Image, CondaFile = conda, Description = "scoring", Tags = { ["team"] = "ml" } })).Value;
        MLEnvironment second = (await Client.Environments.CreateOrUpdateAsync(new MLEnvironment { Name = name, Image = Image })).Value;

        Assert.That((first.Version, second.Version, first.Reference), Is.EqualTo(("1", "2", $"azureml:{name}:1")), "a version left out is the next one");
        MLEnvironment read = (await Client.Environments.GetAsync(name, "1")).Value;
        Assert.That((read.Image, read.Description, read.Tags["team"], read.Id), Is.EqualTo((Image, "scoring", "ml", $"{WorkspaceResourceId}/environments/{name}/versions/1")));
        Assert.That(read.CondaFileContent, Is.EqualTo(
            "{\n  \"dependencies\": [\n    \"python=3.10\",\n    {\n      \"pip\": [\n        \"azureml-inference-server-http\"\n      ]\n    }\n  ],\n  \"name\": \"scoring\"\n}"),
            "the service keeps the conda file as JSON indented by two spaces (recorded); JSON is YAML, so it reads back as the same conda file");
        RecordedRequest put = Emulator.Requests.Snapshot().First(r => r.Method == "PUT" && r.Path.EndsWith($"/environments/{name}/versions/1", StringComparison.Ordinal));
        Assert.That(put.Body, Does.Contain("\"condaFile\":\"dependencies:\\n- python=3.10\\n- pip:\\n  - azureml-inference-server-http\\nname: scoring\\n\"")
            .And.Contain("\"isAnonymous\":false").And.Not.Contain("osType"), "the conda file goes as the Python SDK dumps it (keys sorted), with the flags it always sends");
        Assert.That((await Client.Environments.GetAsync(name)).Value.Version, Is.EqualTo("2"), "no version means the latest");
        Assert.That(await Client.Environments.ListAsync(name).Select(e => e.Version).ToListAsync(), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(await Client.Environments.ListAsync().Where(e => e.Name == name).Select(e => e.LatestVersion).ToListAsync(), Is.EqualTo(new[] { "2" }));

        await Client.Environments.ArchiveAsync(name, "1");
        Assert.That(await Client.Environments.ListAsync(name).Select(e => e.Version).ToListAsync(), Is.EqualTo(new[] { "2" }));
        Assert.That((await Client.Environments.GetAsync(name, "1")).Value.IsArchived, Is.True);
        await Client.Environments.RestoreAsync(name, "1");
        Assert.That(await Client.Environments.ListAsync(name, ListViewType.All).CountAsync(), Is.EqualTo(2));
        await Client.Environments.ArchiveAsync(name);
        Assert.That(await Client.Environments.ListAsync().Select(e => e.Name).ToListAsync(), Does.Not.Contain(name), "an archived environment leaves the default list");
        Assert.That(await Client.Environments.ListAsync(listViewType: ListViewType.ArchivedOnly).Where(e => e.Name == name).Select(e => (e.IsArchived, e.Tags.Count)).ToListAsync(),
            Is.EqualTo(new[] { (true, 0) }));
        await Client.Environments.RestoreAsync(name);
        Assert.That(await Client.Environments.ListAsync().Select(e => e.Name).ToListAsync(), Does.Contain(name));

        var changed = Assert.ThrowsAsync<Azure.RequestFailedException>(() => Client.Environments.CreateOrUpdateAsync(new MLEnvironment { Name = name, Version = "1", Image = "python:3.11" }));
        Assert.That(changed!.Message, Does.Contain($"Environment {name} with version 1 is already registered and cannot be changed."));
    }

    [Test]
    public async Task ADeploymentsEnvironmentReferenceIsSentAsThePythonSdkSendsIt()
    {
        string name = UniqueName("env");
        await Client.Environments.CreateOrUpdateAsync(new MLEnvironment { Name = name, Image = Image });
        MLEnvironment latest = (await Client.Environments.CreateOrUpdateAsync(new MLEnvironment { Name = name, Image = Image + "-2" })).Value;
        string endpoint = UniqueName("env-ep");
        await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(Azure.WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("pkl"), Type = ModelType.CustomModel, Path = "azureml://datastores/workspaceblobstore/paths/m/model.pkl" })).Value;

        Directory.CreateDirectory(Path.Combine(_folder, "src"));
        File.WriteAllText(Path.Combine(_folder, "src", "score.py"), "def init():\n    pass\n\ndef run(raw_data):\n    return raw_data\n");
        CodeAsset code = (await Client.CodeAssets.CreateOrUpdateAsync(new CodeAsset(Path.Combine(_folder, "src")))).Value;
        foreach ((string reference, string sent) in new[]
        {
            ($"azureml:{name}@latest", latest.Id!),
            ($"azureml:{name}:1", $"{WorkspaceResourceId}/environments/{name}/versions/1"),
            ("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:1", "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:1"),
            ("azureml://registries/azureml/environments/sklearn-1.5/labels/latest", "azureml://registries/azureml/environments/sklearn-1.5/labels/latest"),
        })
        {
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(Azure.WaitUntil.Started, new ManagedOnlineDeployment(UniqueName("d"), endpoint)
            {
                Model = model, InstanceType = "Standard_DS3_v2", CodeConfiguration = new CodeConfiguration(code.Id!, "score.py"), Environment = reference,
            });
            RecordedRequest put = Emulator.Requests.Snapshot().Last(r => r.Method == "PUT" && r.Path.Contains($"/onlineEndpoints/{endpoint}/deployments/", StringComparison.Ordinal));
            Assert.That(put.Body, Does.Contain($"\"environmentId\":\"{sent}\""), reference);
        }
    }

    [Test]
    public void MistakesAreRefusedBeforeAnyRequest()
    {
        Assert.That(() => Client.Environments.CreateOrUpdate(new MLEnvironment { Name = "e1" }), Throws.ArgumentException.With.Message.Contains("has no Image"));
        Assert.That(() => Client.Environments.CreateOrUpdate(new MLEnvironment { Name = "e1", Image = Image, CondaFile = Path.Combine(_folder, "missing.yml") }),
            Throws.ArgumentException.With.Message.Contains("missing.yml' of environment 'e1' does not exist"));
        Assert.That(() => Client.Environments.CreateOrUpdate(new MLEnvironment { Version = "1", Image = Image }), Throws.ArgumentException.With.Message.Contains("If version is specified, name must be specified also."));
        Assert.That(Emulator.Requests.Snapshot().Where(r => r.Path.Contains("/environments/e1", StringComparison.Ordinal)), Is.Empty);
        Assert.That(() => Client.OnlineDeployments.BeginCreateOrUpdate(Azure.WaitUntil.Started, new ManagedOnlineDeployment("blue", "ep-1") { Model = "azureml:m:1", InstanceType = "x", Environment = "azureml:scoring-env" }),
            Throws.ArgumentException.With.Message.Contains("Environment reference 'azureml:scoring-env' has no version"));
        Assert.That(() => Client.BatchDeployments.BeginCreateOrUpdate(Azure.WaitUntil.Started, new BatchDeployment("blue", "ep-1") { Model = "azureml:m:1", Compute = "c", Environment = "azureml:scoring-env@prod" }),
            Throws.ArgumentException.With.Message.Contains("names the label 'prod'; the only label the service manages is 'latest'"));
    }

    [Test]
    public void EnvironmentYamlLoadsSavesAndLoadsBackTheSame()
    {
        // The shape of azureml-examples' cli/assets/environment/docker-image-plus-conda.yml (values our own).
        Directory.CreateDirectory(Path.Combine(_folder, "env"));
        File.WriteAllText(Path.Combine(_folder, "env", "conda.yml"), "dependencies:\n  - python=3.10\n");
        File.WriteAllText(Path.Combine(_folder, "environment.yml"),
            "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: docker-image-plus-conda-example\nimage: " + Image + "\nconda_file: env/conda.yml\ndescription: an image and a conda file\n");

        MLEnvironment environment = MLEnvironment.Load(Path.Combine(_folder, "environment.yml"));
        string saved = Path.Combine(_folder, "out", "environment.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
        environment.Save(saved);
        MLEnvironment back = MLEnvironment.Load(saved);

        Assert.That((back.Name, back.Image, back.CondaFile, back.Description), Is.EqualTo((environment.Name, Image, Path.Combine(_folder, "env", "conda.yml"), "an image and a conda file")));
        Assert.That(File.ReadAllText(saved), Does.Contain("conda_file: ../env/conda.yml"));
        File.WriteAllText(Path.Combine(_folder, "built.yml"), "name: built\nbuild:\n  path: docker-context\n");
        Assert.That(() => MLEnvironment.Load(Path.Combine(_folder, "built.yml")), Throws.TypeOf<CliYamlException>().With.Message.Contains("'build') are not supported"));
    }
}
