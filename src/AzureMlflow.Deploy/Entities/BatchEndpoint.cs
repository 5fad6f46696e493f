namespace AzureMlflow.Deploy;

/// <summary>A managed batch endpoint: invoked with input data, it runs a scoring job on its default (or a named) deployment.</summary>
public class BatchEndpoint : Endpoint
{
    /// <summary>Creates an endpoint description; batch endpoints accept Azure AD tokens only.</summary>
    /// <param name="name">3-32 characters, letters, digits and '-', starting with a letter.</param>
    public BatchEndpoint(string name)
        : base(name, EndpointAuthMode.AadToken)
    {
    }

    /// <summary>The deployment that runs invocations that name none.</summary>
    public string? DefaultDeploymentName { get; set; }

    /// <summary>
    /// Reads the CLI v2 YAML that <c>az ml batch-endpoint create -f</c> takes. Relative paths are resolved against the file's folder; unknown
    /// keys, wrong types and unsupported values fail with <see cref="CliYamlException"/> naming their lines.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid BatchEndpoint.</exception>
    public static BatchEndpoint Load(string path) => Yaml.EndpointYaml.LoadBatch(path);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.EndpointYaml.SaveBatch(this, path);

    /// <inheritdoc/>
    public override string ToString() => $"BatchEndpoint '{Name}' (default deployment {DefaultDeploymentName ?? "none"}, state {ProvisioningState?.ToString() ?? "new"})";
}
