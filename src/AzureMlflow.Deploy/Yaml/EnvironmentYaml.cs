namespace AzureMlflow.Deploy.Yaml;

/// <summary>Environment YAML (<c>az ml environment create -f</c>): name, version, image, conda file, description, tags.</summary>
internal static class EnvironmentYaml
{
    public const string Schema = "https://azuremlschemas.azureedge.net/latest/environment.schema.json";

    public static MLEnvironment Load(string file)
    {
        YamlMap map = YamlMap.Load(file);
        map.Skip("$schema");
        if (map.Node("build") is not null)
        {
            throw map.Error("build", "environments built from a Docker context ('build') are not supported by this SDK; give 'image' (and 'conda_file')");
        }
        string? conda = map.String("conda_file");
        var environment = new MLEnvironment
        {
            Name = map.String("name"),
            Version = map.String("version"),
            Image = map.String("image"),
            CondaFile = conda is null ? null : Path.GetFullPath(Path.Combine(map.Folder, conda)),
            Description = map.String("description"),
        };
        map.Skip("os_type");
        EndpointYaml.Copy(map.Dictionary("tags"), environment.Tags);
        EndpointYaml.Copy(map.Dictionary("properties"), environment.Properties);
        map.EnsureAllKeysKnown();
        return environment;
    }

    public static void Save(MLEnvironment environment, string file) =>
        new YamlWriter(Schema)
            .Add("name", environment.Name)
            .Add("version", environment.Version)
            .Add("image", environment.Image)
            .Add("conda_file", environment.CondaFile is null ? null : YamlWriter.RelativePath(YamlWriter.FolderOf(file), environment.CondaFile))
            .Add("description", environment.Description)
            .Add("tags", environment.Tags)
            .Add("properties", environment.Properties)
            .Save(file);
}
