namespace AzureMlflow.Deploy;

/// <summary>
/// A managed online deployment: instances of one VM size serving one model behind a <see cref="ManagedOnlineEndpoint"/>.
/// For an MLflow model no environment and no scoring script are needed: the service generates them from the model's
/// <c>MLmodel</c> file.
/// </summary>
public class ManagedOnlineDeployment : OnlineDeployment
{
    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (case-insensitive; the service keeps it lower-cased).</param>
    /// <param name="endpointName">The endpoint the deployment belongs to.</param>
    public ManagedOnlineDeployment(string name, string endpointName)
        : base(name, endpointName)
    {
    }

    /// <summary>Whether the deployment may reach the public internet.</summary>
    public NetworkAccess? EgressPublicNetworkAccess { get; set; }

    /// <summary>
    /// Reads the CLI v2 YAML that <c>az ml online-deployment create -f</c> takes. Relative paths are resolved against the file's folder; unknown
    /// keys, wrong types and unsupported values fail with <see cref="CliYamlException"/> naming their lines.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid ManagedOnlineDeployment.</exception>
    public static ManagedOnlineDeployment Load(string path) => (ManagedOnlineDeployment)Yaml.DeploymentYaml.LoadOnline(path, kubernetes: false);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.DeploymentYaml.SaveOnline(this, path);

    /// <inheritdoc/>
    public override string ToString() =>
        $"ManagedOnlineDeployment '{Name}' on '{EndpointName}' ({InstanceCount ?? 1} x {InstanceType}, state {ProvisioningState?.ToString() ?? "new"})";
}
