using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Yaml;

namespace AzureMlflow.Deploy.Tests.Yaml;

/// <summary>
/// The conda text the Python SDK sends and hashes: PyYAML's <c>yaml.dump(sort_keys=True)</c> of the loaded file. The
/// expected texts are what PyYAML writes for these inputs.
/// </summary>
public sealed class PythonYamlDumpTests
{
    [TestCase("name: e\ndependencies:\n  - python=3.10\n", "dependencies:\n- python=3.10\nname: e\n", TestName = "Keys sorted, lists not indented under their key")]
    [TestCase("dependencies:\n  - pip:\n      - a==1\n      - b\n", "dependencies:\n- pip:\n  - a==1\n  - b\n", TestName = "A mapping in a list")]
    [TestCase("python: 3.10\nversion: '3.10'\ncount: 7\nflag: yes\nnothing: ~\n", "count: 7\nflag: true\nnothing: null\npython: 3.1\nversion: '3.10'\n", TestName = "Plain scalars are typed as YAML 1.1 types; strings that read as numbers are quoted")]
    [TestCase("a: {}\nb: []\nc:\n  d: x\n  e: 'it''s'\n", "a: {}\nb: []\nc:\n  d: x\n  e: it's\n", TestName = "Empty collections and nested mappings")]
    [TestCase("items:\n  - 'on'\n  - 'key: value'\n  - '#x'\n  - '- a'\n", "items:\n- 'on'\n- 'key: value'\n- '#x'\n- '- a'\n", TestName = "Strings plain style cannot carry stay quoted")]
    public void WritesWhatPyYamlWrites(string input, string expected) =>
        Assert.That(CondaFiles.ToPythonYaml(input, "conda.yml"), Is.EqualTo(expected));

    [Test]
    public void TheRecordedAnonymousEnvironmentGetsItsRecordedVersion()
    {
        // From the Python SDK's recording test_online_deployment_skip_script_validation: the image, the conda text it sent and the version in the URL.
        const string Conda = "channels:\n- conda-forge\ndependencies:\n- python=3.9\n- numpy=1.23.5\n- pip=23.0.1\n- scikit-learn=1.2.2\n- scipy=1.10.1\n- pip:\n  - azureml-defaults==1.56.0.post1\n  - inference-schema[numpy-support]==1.7\n  - joblib==1.2.0\nname: model-env\n";
        Assert.That(CondaFiles.ToPythonYaml(Conda, "conda.yml"), Is.EqualTo(Conda), "the sent text is already PyYAML's dump, so it dumps to itself");
        Assert.That(AnonymousEnvironment.Version("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest", null, Conda), Is.EqualTo("0512a9608a3ea998505d1b3d4796a7cd"));
        Assert.That(AnonymousEnvironment.Version("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest", null, null), Is.Not.EqualTo("0512a9608a3ea998505d1b3d4796a7cd"));
    }

    [Test]
    public void ACondaFileThatIsNotAMappingIsRefused() =>
        Assert.That(() => CondaFiles.ToPythonYaml("- just\n- a list\n", "conda.yml"), Throws.ArgumentException.With.Message.Contains("'conda.yml' is not a conda environment file"));
}
