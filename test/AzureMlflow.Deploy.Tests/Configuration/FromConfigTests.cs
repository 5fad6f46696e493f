using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Configuration;

/// <summary>config.json discovery, as MLClient.from_config does it.</summary>
public sealed class FromConfigTests
{
    private string _root = null!;

    [SetUp]
    public void CreateTree() => _root = Directory.CreateTempSubdirectory("aml-config-").FullName;

    [TearDown]
    public void DeleteTree() => Directory.Delete(_root, recursive: true);

    [Test]
    public void TheConfigIsFoundInAzuremlFoldersUpTheTree()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".azureml"));
        File.WriteAllText(Path.Combine(_root, ".azureml", "config.json"),
            """{"subscription_id": "11111111-2222-3333-4444-555555555555", "resource_group": "rg-1", "workspace_name": "ws-1"}""");
        string deep = Directory.CreateDirectory(Path.Combine(_root, "src", "app")).FullName;

        MLClient client = MLClient.FromConfig(new FakeCredential(), deep);

        Assert.That((client.SubscriptionId, client.ResourceGroupName, client.WorkspaceName), Is.EqualTo(("11111111-2222-3333-4444-555555555555", "rg-1", "ws-1")));
    }

    [Test]
    public void AnExplicitFileWinsAndMistakesAreExplained()
    {
        string file = Path.Combine(_root, "my-workspace.json");
        File.WriteAllText(file, """{"subscription_id": "s", "resource_group": "r", "workspace_name": "w"}""");
        Assert.That(MLClient.FromConfig(new FakeCredential(), file).WorkspaceName, Is.EqualTo("w"));

        File.WriteAllText(file, """{"subscription_id": "s", "resource_group": "r"}""");
        Assert.That(() => MLClient.FromConfig(new FakeCredential(), file), Throws.TypeOf<InvalidDataException>().With.Message.Contains("'workspace_name'"));
        File.WriteAllText(file, "{not json");
        Assert.That(() => MLClient.FromConfig(new FakeCredential(), file), Throws.TypeOf<InvalidDataException>().With.Message.Contains("not valid JSON"));
        File.WriteAllText(file, """[{"subscription_id": "s"}]""");
        Assert.That(() => MLClient.FromConfig(new FakeCredential(), file), Throws.TypeOf<InvalidDataException>().With.Message.EndsWith("must hold a JSON object with subscription_id, resource_group and workspace_name, not an array."));
        File.WriteAllText(file, """{"subscription_id": 42, "resource_group": "r", "workspace_name": "w"}""");
        Assert.That(() => MLClient.FromConfig(new FakeCredential(), file), Throws.TypeOf<InvalidDataException>().With.Message.StartsWith("'subscription_id' in '").And.Message.EndsWith("' must be a string, not a number."));
    }

    [Test]
    public void ANamedFileThatDoesNotExistIsAnErrorEvenWithAConfigBesideIt()
    {
        File.WriteAllText(Path.Combine(_root, "config.json"), """{"subscription_id": "s", "resource_group": "r", "workspace_name": "another-workspace"}""");
        string missing = Path.Combine(_root, "prod-config.json");

        Assert.That(() => MLClient.FromConfig(new FakeCredential(), missing),
            Throws.TypeOf<FileNotFoundException>().With.Message.EqualTo($"The workspace config file '{missing}' does not exist."));
    }

    [Test]
    public void AMissingConfigSaysWhereItLooked()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        Assert.That(() => MLClient.FromConfig(new FakeCredential(), empty),
            Throws.TypeOf<FileNotFoundException>().With.Message.Contains(Path.Combine(empty, ".azureml", "config.json")));
    }
}
