namespace AzureMlflow.Deploy.Validation;

/// <summary>Checks on an online deployment (managed or Kubernetes) before any request.</summary>
internal static class DeploymentRules
{
    private static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromSeconds(180);

    /// <summary>The rules online and batch deployments share: their names, a model, and code with an environment.</summary>
    public static void ValidateShared(Deployment deployment, string who)
    {
        NameRules.ValidateEndpointName(deployment.EndpointName, nameof(deployment));
        NameRules.ValidateDeploymentName(deployment.Name, nameof(deployment));
        if (deployment.Model is null)
        {
            throw new ArgumentException($"{who} has no Model; set it to a registered model ('azureml:name:version', 'name@latest', an ARM id) or a Model.", nameof(deployment));
        }
        CodeAndEnvironmentRules.Validate(who, deployment.Environment, deployment.CodeConfiguration, nameof(deployment));
    }

    public static void Validate(OnlineDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        string who = $"Deployment '{deployment.Name}'";
        ValidateShared(deployment, who);
        if (deployment.Model!.Model is { Id: null } local && local.Type != ModelType.MlflowModel && deployment.CodeConfiguration is null)
        {
            // Known before any request for a model about to be registered; the service refuses a registered one the same way.
            throw new ArgumentException(
                $"{who} serves a {local.Type} model without a scoring script; only MLflow models deploy without code (the service answers " +
                "'Could not find driver program in the request.'). Set CodeConfiguration and Environment, or register the model as ModelType.MlflowModel.", nameof(deployment));
        }
        if (deployment is ManagedOnlineDeployment && string.IsNullOrWhiteSpace(deployment.InstanceType))
        {
            throw new ArgumentException($"{who} has no InstanceType; managed deployments need a VM size such as 'Standard_DS3_v2'.", nameof(deployment));
        }
        if (deployment.InstanceCount is < 1)
        {
            throw new ArgumentException($"{who} has InstanceCount {deployment.InstanceCount}; it must be at least 1.", nameof(deployment));
        }
        if (deployment.RequestSettings is { } request)
        {
            Positive(request.RequestTimeout, $"{who}: RequestSettings.RequestTimeout");
            if (deployment is ManagedOnlineDeployment && request.RequestTimeout > MaxRequestTimeout)
            {
                // The documented ceiling of managed online endpoints (request_timeout_ms at most 180000).
                throw new ArgumentException($"{who}: RequestSettings.RequestTimeout is {request.RequestTimeout}; managed online deployments allow at most {MaxRequestTimeout.TotalSeconds:0} seconds.");
            }
            NotNegative(request.MaxQueueWait, $"{who}: RequestSettings.MaxQueueWait");
            AtLeastOne(request.MaxConcurrentRequestsPerInstance, $"{who}: RequestSettings.MaxConcurrentRequestsPerInstance");
        }
        ValidateProbe(deployment.LivenessProbe, $"{who}: LivenessProbe");
        ValidateProbe(deployment.ReadinessProbe, $"{who}: ReadinessProbe");
    }

    private static void ValidateProbe(ProbeSettings? probe, string what)
    {
        if (probe is null)
        {
            return;
        }
        AtLeastOne(probe.FailureThreshold, what + ".FailureThreshold");
        AtLeastOne(probe.SuccessThreshold, what + ".SuccessThreshold");
        Positive(probe.Timeout, what + ".Timeout");
        Positive(probe.Period, what + ".Period");
        NotNegative(probe.InitialDelay, what + ".InitialDelay");
    }

    private static void Positive(TimeSpan? value, string what)
    {
        if (value is { } v && v <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{what} is {v}; it must be positive.");
        }
    }

    private static void NotNegative(TimeSpan? value, string what)
    {
        if (value is { } v && v < TimeSpan.Zero)
        {
            throw new ArgumentException($"{what} is {v}; it must not be negative.");
        }
    }

    private static void AtLeastOne(int? value, string what)
    {
        if (value is < 1)
        {
            throw new ArgumentException($"{what} is {value}; it must be at least 1.");
        }
    }
}
