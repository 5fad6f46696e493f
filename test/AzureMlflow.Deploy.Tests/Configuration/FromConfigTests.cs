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
    }

    [Test]
    public void AMissingConfigSaysWhereItLooked()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        Assert.That(() => MLClient.FromConfig(new FakeCredential(), empty),
            Throws.TypeOf<FileNotFoundException>().With.Message.Contains(Path.Combine(empty, ".azureml", "config.json")));
    }
}
