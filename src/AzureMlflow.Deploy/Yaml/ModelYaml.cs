namespace AzureMlflow.Deploy.Yaml;

/// <summary>Model YAML (<c>az ml model create -f</c>).</summary>
internal static class ModelYaml
{
    public const string Schema = "https://azuremlschemas.azureedge.net/latest/model.schema.json";

    public static Model Load(string file)
    {
        YamlMap map = YamlMap.Load(file);
        map.Skip("$schema");
        return Read(map);
    }

    /// <summary>Reads a model mapping (a file's root or an inline deployment model); a local path is resolved against the file's folder.</summary>
    public static Model Read(YamlMap map)
    {
        string? path = map.String("path") ?? map.String("local_path");
        string? type = map.String("type") ?? (string.Equals(map.String("model_format"), "mlflow", StringComparison.OrdinalIgnoreCase) ? "mlflow_model" : null);
        var model = new Model
        {
            Name = map.String("name"),
            Version = map.String("version"),
            Type = type switch
            {
                null or "custom_model" => ModelType.CustomModel,
                "mlflow_model" => ModelType.MlflowModel,
                "triton_model" => ModelType.TritonModel,
                _ => throw map.Error("type", $"'type' must be custom_model, mlflow_model or triton_model, not '{type}'"),
            },
            Path = path is null || IsRemote(path) ? path : Path.GetFullPath(Path.Combine(map.Folder, path)),
            Description = map.String("description"),
            Stage = map.String("stage"),
            JobName = map.String("job_name"),
            Datastore = map.String("datastore") is { } datastore ? CliYamlParts.StripArmPrefix(datastore).Replace("azureml:", "", StringComparison.OrdinalIgnoreCase) : null,
        };
        EndpointYaml.Copy(map.Dictionary("tags"), model.Tags);
        EndpointYaml.Copy(map.Dictionary("properties"), model.Properties);
        if (map.Map("flavors") is { } flavors)
        {
            foreach (string flavor in flavors.Keys())
            {
                model.Flavors[flavor] = flavors.Dictionary(flavor);
            }
        }
        map.Skip("utc_time_created", "model_format", "local_path", "id");
        map.EnsureAllKeysKnown();
        return model;
    }

    public static void Save(Model model, string file) => Write(model, YamlWriter.FolderOf(file), new YamlWriter(Schema)).Save(file);

    /// <summary>Adds a model's keys to a file's root or to an inline deployment model; a local path is written relative to <paramref name="folder"/>, the saved file's folder, as the CLI writes it.</summary>
    public static YamlWriter Write(Model model, string folder, YamlWriter writer)
    {
        writer
            .Add("name", model.Name)
            .Add("version", model.Version)
            .Add("type", model.Type.ToString())
            .Add("path", model.Path is null || IsRemote(model.Path) ? model.Path : YamlWriter.RelativePath(folder, model.Path))
            .Add("description", model.Description)
            .Add("stage", model.Stage)
            .Add("job_name", model.JobName)
            .Add("datastore", model.Datastore)
            .Add("tags", model.Tags)
            .Add("properties", model.Properties);
        var flavors = YamlWriter.Nested();
        foreach ((string name, IDictionary<string, string> settings) in model.Flavors)
        {
            flavors.Add(name, settings);
        }
        return writer.Add("flavors", flavors);
    }

    private static bool IsRemote(string path) => Validation.ModelRules.IsRemote(path) || path.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase);
}
