using AzureMlflow.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Tests.Yaml;

/// <summary>
/// Real deployment YAML from Azure/azureml-examples (TestData/AzuremlExamples, with provenance): each file with an
/// environment or code loads, saves without losing a key, and loads back to what saves the same again.
/// </summary>
public sealed class AzuremlExamplesRoundTripTests
{
    private static readonly string Root = RepositoryPaths.Combine(["test", "AzureMlflow.Deploy.Tests", "TestData", "AzuremlExamples"]);

    /// <summary>Keys a file may carry that are saved under another name or dropped on purpose, with the reason.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["$schema"] = "written for the entity's kind",
        ["type"] = "written for the entity's kind",
        ["scale_settings"] = "'type: default' is the only scaling a managed deployment has, so it is not written",
        ["private_network_connection"] = "the older spelling of egress_public_network_access (true is disabled), saved as that",
        ["model.local_path"] = "the older name of a model's 'path', saved as that",
    };

    /// <summary>Files this SDK refuses, with what the message says (features it does not carry, or the preview CLI's syntax).</summary>
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["online-data-collector/workspace-blob-storage-custom1.YAML"] = "data collection ('data_collector') is not supported by this SDK",
        ["online-kubernetes/kubernetes/kubernetes-green-deployment.yml"] = "'scale_settings.type: target_utilization' is not supported by this SDK",
        ["online-managed-identities/managed/managed-identities/2-sai-deployment.yml"] = "has no 'endpoint_name'",
        ["batch-legacy-mnist/nonmlflow-deployment.yml"] = "'code_configuration.code.local_path' is the preview CLI's syntax",
    };

    public static IEnumerable<TestCaseData> Cases() =>
        File.ReadAllLines(Path.Combine(Root, "cases.tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Where(c => c[1] != "batch-pipeline")
            .Select(c => new TestCaseData(c[0], c[1]).SetName($"RoundTrip({c[0]})"));

    [TestCaseSource(nameof(Cases))]
    public void LoadsSavesAndLoadsBackTheSame(string path, string kind)
    {
        string source = Path.Combine(Root, path);
        if (Refused.TryGetValue(path, out string? reason))
        {
            Assert.That(() => Load(source, kind), Throws.TypeOf<CliYamlException>().With.Message.Contains(reason));
            return;
        }
        string folder = Directory.CreateTempSubdirectory("aml-yaml-").FullName;
        try
        {
            string first = Path.Combine(folder, "first.yml");
            string second = Path.Combine(folder, "second.yml");
            Save(Load(source, kind), first);
            Save(Load(first, kind), second);
            Assert.That(File.ReadAllText(second), Is.EqualTo(File.ReadAllText(first)), "a saved file loads back to what saves the same");

            // Older batch files put the run settings at the top level; they are saved under 'settings', as the CLI now writes them.
            HashSet<string> saved = Keys(first);
            IEnumerable<string> lost = Keys(source).Where(k => !Renamed.ContainsKey(k.Split('.')[0]) && !Renamed.ContainsKey(k) && !saved.Contains(k) && !saved.Contains("settings." + k));
            Assert.That(lost, Is.Empty, "keys of the original that the saved file lacks: " + string.Join(", ", lost));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static object Load(string file, string kind) => kind switch
    {
        "online-managed" => ManagedOnlineDeployment.Load(file),
        "online-kubernetes" => KubernetesOnlineDeployment.Load(file),
        _ => BatchDeployment.Load(file),
    };

    private static void Save(object deployment, string file)
    {
        switch (deployment)
        {
            case ManagedOnlineDeployment managed:
                managed.Save(file);
                break;
            case KubernetesOnlineDeployment kubernetes:
                kubernetes.Save(file);
                break;
            case BatchDeployment batch:
                batch.Save(file);
                break;
        }
    }

    /// <summary>Every mapping key path with a non-empty value (<c>environment.conda_file</c>), lists not descended.</summary>
    private static HashSet<string> Keys(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Walk((YamlMappingNode)stream.Documents[0].RootNode, "", keys);
        return keys;
    }

    private static void Walk(YamlMappingNode map, string prefix, HashSet<string> keys)
    {
        foreach ((YamlNode key, YamlNode value) in map.Children)
        {
            string path = prefix + ((YamlScalarNode)key).Value;
            if (value is YamlScalarNode { Value: null or "" })
            {
                continue;
            }
            keys.Add(path);
            if (value is YamlMappingNode nested)
            {
                Walk(nested, path + ".", keys);
            }
        }
    }
}
