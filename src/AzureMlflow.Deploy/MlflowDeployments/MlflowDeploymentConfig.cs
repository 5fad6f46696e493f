using System.Globalization;
using System.Text.Json;

namespace AzureMlflow.Deploy.MlflowDeployments;

/// <summary>
/// The deployment configuration of the azureml-mlflow plugin: a dictionary, or the JSON "deploy-config-file", with
/// <c>instance_type</c>, <c>instance_count</c> and the managed online deployment keys. Of the v1 targets, AKS
/// (<c>computeType: aks</c>, <c>computeTargetName</c>) becomes a Kubernetes online deployment on that attached compute,
/// its v2 successor; ACI, retired with no successor but managed endpoints, is refused with that advice.
/// </summary>
internal static class MlflowDeploymentConfig
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "instance_type", "instance_count", "request_settings", "liveness_probe", "readiness_probe", "environment_variables",
        "app_insights_enabled", "egress_public_network_access", "description", "tags", "endpoint_name",
        "computeType", "compute_type", "computeTargetName", "numReplicas", "containerResourceRequirements",
    };

    /// <summary>The attached Kubernetes compute an AKS config names, or null for a managed deployment.</summary>
    /// <exception cref="NotSupportedException">An ACI config, or a target type this plugin never had.</exception>
    /// <exception cref="ArgumentException">An AKS config without <c>computeTargetName</c>.</exception>
    public static string? KubernetesCompute(IReadOnlyDictionary<string, string>? config)
    {
        if (config is null || !(config.TryGetValue("computeType", out string? type) || config.TryGetValue("compute_type", out type)))
        {
            return null;
        }
        if (type.Equals("aks", StringComparison.OrdinalIgnoreCase))
        {
            // The v1 AKS web service is retired; its v2 successor is a Kubernetes online endpoint on the attached cluster.
            return config.TryGetValue("computeTargetName", out string? target) && !string.IsNullOrWhiteSpace(target)
                ? target
                : throw new ArgumentException("An AKS deploy-config needs computeTargetName: the Kubernetes compute attached to the workspace that the deployment runs on.", nameof(config));
        }
        throw new NotSupportedException(type.Equals("aci", StringComparison.OrdinalIgnoreCase)
            ? "computeType 'aci' is the retired Azure ML v1 ACI web service. Deploy to a managed online endpoint instead: remove computeType and give instance_type and instance_count."
            : $"computeType '{type}' is not a deployment target; use 'aks' with computeTargetName for an attached Kubernetes compute, or no computeType for a managed online endpoint.");
    }

    public static Dictionary<string, string> FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"The deploy-config file '{path}' must hold a JSON object, not a {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }
            var config = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!config.TryAdd(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()))
                {
                    throw new InvalidDataException($"The deploy-config file '{path}' sets '{property.Name}' twice.");
                }
            }
            return config;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The deploy-config file '{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    public static void Apply(IReadOnlyDictionary<string, string>? config, OnlineDeployment deployment)
    {
        if (config is null)
        {
            return;
        }
        string? unknown = config.Keys.FirstOrDefault(k => !Known.Contains(k));
        if (unknown is not null)
        {
            throw new ArgumentException($"The deployment config key '{unknown}' is not known; use {string.Join(", ", Known.Order())}.", nameof(config));
        }
        foreach ((string key, string value) in config)
        {
            switch (key.ToLowerInvariant())
            {
                case "instance_type": deployment.InstanceType = value; break;
                case "instance_count": deployment.InstanceCount = Int(key, value); break;
                case "description": deployment.Description = value; break;
                case "app_insights_enabled": deployment.AppInsightsEnabled = bool.Parse(value); break;
                case "egress_public_network_access":
                    (deployment as ManagedOnlineDeployment ?? throw new ArgumentException("egress_public_network_access applies to managed deployments only.", nameof(config)))
                        .EgressPublicNetworkAccess = value.Equals("disabled", StringComparison.OrdinalIgnoreCase) ? NetworkAccess.Disabled : NetworkAccess.Enabled;
                    break;
                case "numreplicas": deployment.InstanceCount = Int(key, value); break;
                case "containerresourcerequirements":
                    Dictionary<string, string> container = Object(key, value);
                    (deployment as KubernetesOnlineDeployment ?? throw new ArgumentException("containerResourceRequirements applies to AKS (Kubernetes) deployments only.", nameof(config)))
                        .ResourceRequests = new ContainerResources
                        {
                            Cpu = container.TryGetValue("cpu", out string? cpu) ? cpu : null,
                            Memory = container.TryGetValue("memoryInGB", out string? memory) ? $"{memory}Gi" : null,
                        };
                    break;
                case "environment_variables": Copy(Object(key, value), deployment.EnvironmentVariables); break;
                case "tags": Copy(Object(key, value), deployment.Tags); break;
                case "request_settings":
                    Dictionary<string, string> request = Object(key, value);
                    deployment.RequestSettings = new OnlineRequestSettings
                    {
                        RequestTimeout = request.TryGetValue("request_timeout_ms", out string? timeout) ? TimeSpan.FromMilliseconds(Int(key, timeout)) : null,
                        MaxConcurrentRequestsPerInstance = request.TryGetValue("max_concurrent_requests_per_instance", out string? concurrency) ? Int(key, concurrency) : null,
                        MaxQueueWait = request.TryGetValue("max_queue_wait_ms", out string? wait) ? TimeSpan.FromMilliseconds(Int(key, wait)) : null,
                    };
                    break;
                case "liveness_probe": deployment.LivenessProbe = Probe(key, value); break;
                case "readiness_probe": deployment.ReadinessProbe = Probe(key, value); break;
            }
        }
    }

    private static ProbeSettings Probe(string key, string json)
    {
        Dictionary<string, string> probe = Object(key, json);
        TimeSpan? Seconds(string name) => probe.TryGetValue(name, out string? v) ? TimeSpan.FromSeconds(Int(key, v)) : null;
        return new ProbeSettings
        {
            InitialDelay = Seconds("initial_delay"),
            Period = Seconds("period"),
            Timeout = Seconds("timeout"),
            SuccessThreshold = probe.TryGetValue("success_threshold", out string? s) ? Int(key, s) : null,
            FailureThreshold = probe.TryGetValue("failure_threshold", out string? f) ? Int(key, f) : null,
        };
    }

    private static Dictionary<string, string> Object(string key, string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new ArgumentException($"The deployment config value of '{key}' must be a JSON object, not '{json}'.", ex);
        }
    }

    private static int Int(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) ? result : throw new ArgumentException($"The deployment config value of '{key}' must be a whole number, not '{value}'.");

    private static void Copy(Dictionary<string, string> source, IDictionary<string, string> target)
    {
        foreach ((string k, string v) in source)
        {
            target[k] = v;
        }
    }
}
