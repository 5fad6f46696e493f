namespace AzureMlflow.Deploy;

/// <summary>
/// An environment: the Docker image (and optional conda file) a deployment with a scoring script runs in. Named
/// <c>MLEnvironment</c> so it does not clash with <see cref="System.Environment"/>; the counterpart of Python's
/// <c>Environment</c>. MLflow models deployed without code need none.
/// </summary>
public class MLEnvironment
{
    /// <summary>
    /// The environment name. Null registers the environment anonymously, as Python does for an environment defined inline in
    /// a deployment: as <c>CliV2AnonymousEnvironment</c>, versioned by a hash of the image and conda file, so the same
    /// definition is registered once.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>The version; the next number when null at registration. Anonymous environments take none (their version is a hash).</summary>
    public string? Version { get; set; }

    /// <summary>The Docker image, such as <c>mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest</c>.</summary>
    public string? Image { get; set; }

    /// <summary>A local conda file (YAML) whose content is registered with the environment.</summary>
    public string? CondaFile { get; set; }

    /// <summary>The conda file's content as registered (set when read from the service, or from <see cref="CondaFile"/>).</summary>
    public string? CondaFileContent { get; set; }

    /// <summary>The routes of a custom inference container (the image serves the model itself); null for images the inference server runs in.</summary>
    public InferenceConfiguration? InferenceConfig { get; set; }

    /// <summary>A description.</summary>
    public string? Description { get; set; }

    /// <summary>Tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>Free-form properties.</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>();

    /// <summary>The ARM id of the version (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>Whether the version is archived (set by the service).</summary>
    public bool IsArchived { get; internal set; }

    /// <summary>Whether the version was registered anonymously (set by the service).</summary>
    public bool IsAnonymous { get; internal set; }

    /// <summary>The container's latest version, when read from a list of environments (set by the service).</summary>
    public string? LatestVersion { get; internal set; }

    /// <summary>The reference deployments use: <c>azureml:{name}:{version}</c>.</summary>
    public string? Reference => Name is null || Version is null ? null : $"azureml:{Name}:{Version}";

    /// <summary>Reads environment YAML (<c>az ml environment create -f</c>); a relative conda file path is resolved against the file's folder.</summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid environment.</exception>
    public static MLEnvironment Load(string path) => Yaml.EnvironmentYaml.Load(path);

    /// <summary>Writes this environment as YAML, its conda file path relative to the saved file.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.EnvironmentYaml.Save(this, path);

    /// <inheritdoc/>
    public override string ToString() => $"Environment '{Name}:{Version ?? "next"}' ({Image ?? "no image"})";
}
