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

    /// <inheritdoc/>
    public override string ToString() =>
        $"KubernetesOnlineDeployment '{Name}' on '{EndpointName}' ({InstanceCount ?? 1} x {InstanceType ?? "default instance type"}, state {ProvisioningState?.ToString() ?? "new"})";
}
