namespace AzureMlflow.Deploy;

/// <summary>
/// A managed online endpoint: a stable HTTPS scoring URI on Azure's managed infrastructure whose <see cref="OnlineEndpoint.Traffic"/>
/// is split between deployments. Create or update it with <see cref="OnlineEndpointOperations.BeginCreateOrUpdateAsync"/>.
/// </summary>
public class ManagedOnlineEndpoint : OnlineEndpoint
{
    /// <summary>Creates an endpoint description with the given name.</summary>
    /// <param name="name">3 to 32 characters: a letter first, then letters, digits and hyphens, ending with a letter or digit. Unique per Azure region.</param>
    public ManagedOnlineEndpoint(string name)
        : base(name)
    {
    }

    /// <summary>
    /// Reads the CLI v2 YAML that <c>az ml online-endpoint create -f</c> takes. Relative paths are resolved against the file's folder; unknown
    /// keys, wrong types and unsupported values fail with <see cref="CliYamlException"/> naming their lines.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid ManagedOnlineEndpoint.</exception>
    public static ManagedOnlineEndpoint Load(string path) => (ManagedOnlineEndpoint)Yaml.EndpointYaml.LoadOnline(path, kubernetes: false);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.EndpointYaml.SaveOnline(this, path);

    /// <inheritdoc/>
    public override string ToString() => $"ManagedOnlineEndpoint '{Name}' (auth {AuthMode}, state {ProvisioningState?.ToString() ?? "new"})";
}
