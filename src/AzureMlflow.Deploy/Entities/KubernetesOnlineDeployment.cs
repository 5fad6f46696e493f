namespace AzureMlflow.Deploy;

/// <summary>
/// A deployment on a <see cref="KubernetesOnlineEndpoint"/>: pods of one of the compute's instance types (or its
/// default) serving one model, with optional container resource requests and limits.
/// </summary>
public class KubernetesOnlineDeployment : OnlineDeployment
{
    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (case-insensitive; the service keeps it lower-cased).</param>
    /// <param name="endpointName">The Kubernetes endpoint the deployment belongs to.</param>
    public KubernetesOnlineDeployment(string name, string endpointName)
        : base(name, endpointName)
    {
    }

    /// <summary>The resources each container asks for (<c>resources.requests</c>).</summary>
    public ContainerResources? ResourceRequests { get; set; }

    /// <summary>The most each container may use (<c>resources.limits</c>).</summary>
    public ContainerResources? ResourceLimits { get; set; }

    /// <summary>
    /// Reads the CLI v2 YAML of a Kubernetes deployment (<c>type: kubernetes</c>, <c>resources.requests/limits</c>) that
    /// <c>az ml online-deployment create -f</c> takes. Relative paths are resolved against the file's folder.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="CliYamlException">The file does not describe a valid KubernetesOnlineDeployment.</exception>
    public static KubernetesOnlineDeployment Load(string path) => (KubernetesOnlineDeployment)Yaml.DeploymentYaml.LoadOnline(path, kubernetes: true);

    /// <summary>Writes this object as CLI v2 YAML.</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path) => Yaml.DeploymentYaml.SaveOnline(this, path);

    /// <inheritdoc/>
    public override string ToString() =>
        $"KubernetesOnlineDeployment '{Name}' on '{EndpointName}' ({InstanceCount ?? 1} x {InstanceType ?? "default instance type"}, state {ProvisioningState?.ToString() ?? "new"})";
}
