namespace AzureMlflow.Deploy;

/// <summary>A registered model version, or the description of one to register with <see cref="ModelOperations.CreateOrUpdate(Model, IProgress{UploadProgress}, CancellationToken)"/>.</summary>
public class Model
{
    /// <summary>The model name.</summary>
    public string? Name { get; set; }

    /// <summary>The version. Null registers the next version (the container's <c>nextVersion</c>).</summary>
    public string? Version { get; set; }

    /// <summary>The model kind. Defaults to <see cref="ModelType.CustomModel"/>; use <see cref="ModelType.MlflowModel"/> for MLflow folders.</summary>
    public ModelType Type { get; set; } = ModelType.CustomModel;

    /// <summary>
    /// Where the files are: <c>azureml://datastores/{ds}/paths/{path}</c>, the long
    /// <c>azureml://subscriptions/.../datastores/{ds}/paths/{path}</c> form, <c>azureml://jobs/{job}/outputs/artifacts/paths/{path}</c>,
    /// <c>runs:/{run}/{path}</c>, or an https URL. An MLflow model path names a folder, never a file.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>MLflow flavors and their settings, as in the <c>MLmodel</c> file.</summary>
    public IDictionary<string, IDictionary<string, string>> Flavors { get; } = new Dictionary<string, IDictionary<string, string>>();

    /// <summary>A description of the model.</summary>
    public string? Description { get; set; }

    /// <summary>Tags of the model version.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>Free-form properties of the model version.</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>();

    /// <summary>The lifecycle stage, such as <c>Development</c> or <c>Production</c>.</summary>
    public string? Stage { get; set; }

    /// <summary>The job that produced the model, if any. Filled from <c>azureml://jobs/{job}/...</c> paths when not set.</summary>
    public string? JobName { get; set; }

    /// <summary>
    /// The datastore a local <see cref="Path"/> is uploaded to; the workspace's <c>workspaceblobstore</c> when null.
    /// Ignored for remote paths.
    /// </summary>
    public string? Datastore { get; set; }

    /// <summary>The ARM resource id of the version (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>Whether the version is archived (set by the service).</summary>
    public bool IsArchived { get; internal set; }

    /// <summary>The newest version, when this entry describes a model container from an unfiltered list.</summary>
    public string? LatestVersion { get; internal set; }

    /// <summary>When the version was registered (set by the service).</summary>
    public DateTimeOffset? CreatedOn { get; internal set; }

    /// <summary>
    /// Reads the CLI v2 YAML that <c>az ml model create -f</c> takes. Relative paths are resolved against the file's folder; unknown
    /// keys, wrong types and unsupported values fail with <see cref="CliYamlException"/> naming their lines.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid Model.</exception>
    public static Model Load(string path) => Yaml.ModelYaml.Load(path);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.ModelYaml.Save(this, path);

    /// <inheritdoc/>
    public override string ToString() => $"Model '{Name}' version {Version ?? LatestVersion ?? "(next)"} ({Type})";
}
