namespace AzureMlflow.Deploy.Validation;

/// <summary>Checks on batch endpoints and deployments before any request, with the Python SDK's rules and clearer messages.</summary>
internal static class BatchRules
{
    public static void Validate(BatchEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        NameRules.ValidateEndpointName(endpoint.Name, nameof(endpoint));
        if (endpoint.AuthMode != EndpointAuthMode.AadToken)
        {
            throw new ArgumentException($"Batch endpoint '{endpoint.Name}' has auth mode {endpoint.AuthMode}; batch endpoints accept only AadToken.", nameof(endpoint));
        }
        if (endpoint.DefaultDeploymentName is { } name)
        {
            NameRules.ValidateDeploymentName(name, nameof(endpoint));
        }
    }

    public static void Validate(BatchDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        string who = $"Batch deployment '{deployment.Name}'";
        DeploymentRules.ValidateShared(deployment, who);
        if (string.IsNullOrWhiteSpace(deployment.Compute))
        {
            throw new ArgumentException($"{who} has no Compute; batch deployments run on a compute cluster (its name or ARM id).", nameof(deployment));
        }
        Positive(deployment.InstanceCount, $"{who}: InstanceCount");
        Positive(deployment.MiniBatchSize, $"{who}: MiniBatchSize");
        Positive(deployment.MaxConcurrencyPerInstance, $"{who}: MaxConcurrencyPerInstance");
        if (deployment.ErrorThreshold is < -1)
        {
            throw new ArgumentException($"{who}: ErrorThreshold is {deployment.ErrorThreshold}; use -1 to tolerate every failure, or a count of 0 or more.", nameof(deployment));
        }
        if (deployment.RetrySettings is { } retry && (retry.MaxRetries < 0 || retry.Timeout <= TimeSpan.Zero))
        {
            throw new ArgumentException($"{who}: RetrySettings need MaxRetries of 0 or more and a positive Timeout.", nameof(deployment));
        }
        if (deployment.OutputAction == BatchOutputAction.SummaryOnly && deployment.OutputFileName is not null)
        {
            throw new ArgumentException(
                $"{who} sets OutputFileName '{deployment.OutputFileName}' with OutputAction SummaryOnly, which writes no output file; remove one of them.", nameof(deployment));
        }
        if (deployment.OutputFileName is { } file && (file.Length == 0 || file.IndexOfAny(['/', '\\']) >= 0))
        {
            throw new ArgumentException($"{who}: OutputFileName '{file}' must be a plain file name.", nameof(deployment));
        }
    }

    private static void Positive(int? value, string what)
    {
        if (value is < 1)
        {
            throw new ArgumentException($"{what} is {value}; it must be at least 1.");
        }
    }
}
