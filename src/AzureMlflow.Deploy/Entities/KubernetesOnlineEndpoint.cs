namespace AzureMlflow.Deploy;

/// <summary>
/// An online endpoint on an attached Kubernetes compute (<see cref="KubernetesCompute"/>, AKS or Arc-enabled): the
/// successor of the v1 AKS web service. Deployments on it are <see cref="KubernetesOnlineDeployment"/>s.
/// </summary>
public class KubernetesOnlineEndpoint : OnlineEndpoint
{
    /// <summary>Creates an endpoint description on a Kubernetes compute.</summary>
    /// <param name="name">3 to 32 characters: a letter first, then letters, digits and hyphens, ending with a letter or digit. Unique per Azure region.</param>
    /// <param name="compute">The attached Kubernetes compute's name (or <c>azureml:</c> name, or ARM id).</param>
    public KubernetesOnlineEndpoint(string name, string compute)
        : base(name) => Compute = compute;

    /// <summary>The Kubernetes compute the endpoint runs on; after <c>Get</c>, its ARM id.</summary>
    public string Compute { get; set; }

    /// <summary>Reads the CLI v2 YAML of an endpoint with <c>compute: azureml:name</c> that <c>az ml online-endpoint create -f</c> takes.</summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid KubernetesOnlineEndpoint.</exception>
    public static KubernetesOnlineEndpoint Load(string path) => (KubernetesOnlineEndpoint)Yaml.EndpointYaml.LoadOnline(path, kubernetes: true);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.EndpointYaml.SaveOnline(this, path);

    /// <inheritdoc/>
    public override string ToString() => $"KubernetesOnlineEndpoint '{Name}' on '{Compute}' (auth {AuthMode}, state {ProvisioningState?.ToString() ?? "new"})";
}
