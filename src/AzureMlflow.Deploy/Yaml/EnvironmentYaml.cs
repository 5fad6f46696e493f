using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Yaml;

/// <summary>
/// Environment YAML (<c>az ml environment create -f</c>), and the same keys inline under a deployment's
/// <c>environment:</c>: name, version, image, conda file (a path relative to the YAML file, or the conda mapping
/// itself), description, tags, properties.
/// </summary>
internal static class EnvironmentYaml
{
    public const string Schema = "https://azuremlschemas.azureedge.net/latest/environment.schema.json";

    public static MLEnvironment Load(string file)
    {
        YamlMap map = YamlMap.Load(file);
        map.Skip("$schema");
        MLEnvironment environment = Read(map);
        map.EnsureAllKeysKnown();
        return environment;
    }

    public static void Save(MLEnvironment environment, string file) => Write(new YamlWriter(Schema), environment, YamlWriter.FolderOf(file)).Save(file);

    /// <summary>Reads the environment keys of <paramref name="map"/>; the caller checks for unknown keys.</summary>
    public static MLEnvironment Read(YamlMap map)
    {
        if (map.Node("build") is not null)
        {
            throw map.Error("build", "environments built from a Docker context ('build') are not supported by this SDK; give 'image' (and 'conda_file')");
        }
        var environment = new MLEnvironment
        {
            Name = map.String("name"),
            Version = map.String("version"),
            Image = map.String("image"),
            Description = map.String("description"),
        };
        switch (map.Node("conda_file"))
        {
            case null:
                break;
            case YamlScalarNode { Value: { } path }:
                environment.CondaFile = Path.GetFullPath(Path.Combine(map.Folder, path));
                break;
            case YamlMappingNode conda:
                environment.CondaFileContent = PythonYamlDump.Dump(conda);
                break;
            case { } other:
                throw map.Error(other, "'conda_file' must be a path to a conda YAML file or the conda mapping itself");
        }
        if (map.Map("inference_config") is { } inference)
        {
            environment.InferenceConfig = new InferenceConfiguration
            {
                LivenessRoute = Route(inference, "liveness_route"),
                ReadinessRoute = Route(inference, "readiness_route"),
                ScoringRoute = Route(inference, "scoring_route"),
            };
            inference.EnsureAllKeysKnown();
        }
        map.Skip("os_type");
        EndpointYaml.Copy(map.Dictionary("tags"), environment.Tags);
        EndpointYaml.Copy(map.Dictionary("properties"), environment.Properties);
        return environment;
    }

    /// <summary>An inference configuration as the CLI writes it (and Python hashes it for anonymous versions).</summary>
    public static YamlMappingNode InferenceConfigNode(InferenceConfiguration inference)
    {
        var node = new YamlMappingNode();
        foreach ((string key, InferenceRoute? route) in new[] { ("liveness_route", inference.LivenessRoute), ("readiness_route", inference.ReadinessRoute), ("scoring_route", inference.ScoringRoute) })
        {
            if (route is not null)
            {
                node.Add(key, new YamlMappingNode { { "path", route.Path }, { "port", route.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            }
        }
        return node;
    }

    private static InferenceRoute? Route(YamlMap inference, string key)
    {
        if (inference.Map(key) is not { } route)
        {
            return null;
        }
        var result = new InferenceRoute(
            route.String("path") ?? throw inference.Error(key, $"'{key}.path' is required"),
            route.Int("port") ?? throw inference.Error(key, $"'{key}.port' is required"));
        route.EnsureAllKeysKnown();
        return result;
    }

    /// <summary>Adds the environment's keys to <paramref name="writer"/>, a conda file path relative to <paramref name="folder"/>.</summary>
    public static YamlWriter Write(YamlWriter writer, MLEnvironment environment, string folder)
    {
        writer
            .Add("name", environment.Name)
            .Add("version", environment.Version)
            .Add("image", environment.Image);
        if (environment.CondaFile is not null)
        {
            writer.Add("conda_file", YamlWriter.RelativePath(folder, environment.CondaFile));
        }
        else if (environment.CondaFileContent is { } content
            && YamlText.LoadRoot(content, "conda file", (message, inner) => new CliYamlException(message, inner)) is YamlMappingNode conda)
        {
            writer.Add("conda_file", conda);
        }
        if (environment.InferenceConfig is { } inference)
        {
            writer.Add("inference_config", InferenceConfigNode(inference));
        }
        return writer
            .Add("description", environment.Description)
            .Add("tags", environment.Tags)
            .Add("properties", environment.Properties);
    }
}
