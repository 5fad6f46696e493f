namespace AzureMlflow.Deploy.Yaml;

/// <summary>Online and batch deployment YAML (<c>az ml online-deployment / batch-deployment create -f</c>).</summary>
internal static class DeploymentYaml
{
    public const string OnlineSchema = "https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json";
    public const string KubernetesSchema = "https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json";
    public const string BatchSchema = "https://azuremlschemas.azureedge.net/latest/modelBatchDeployment.schema.json";

    /// <summary>Reads a managed (<c>type: managed</c>, the default) or Kubernetes (<c>type: kubernetes</c>) deployment; <paramref name="kubernetes"/> says which the caller expects.</summary>
    public static OnlineDeployment LoadOnline(string file, bool kubernetes)
    {
        YamlMap map = YamlMap.Load(file);
        map.Skip("$schema");
        if (map.Node("data_collector") is not null)
        {
            // Silently dropping it would deploy without the data collection the file asks for.
            throw map.Error("data_collector", "data collection ('data_collector') is not supported by this SDK; deploy without it, or with the Azure ML CLI");
        }
        string type = map.String("type") ?? "managed";
        bool isKubernetes = type.Equals("kubernetes", StringComparison.OrdinalIgnoreCase);
        if (!isKubernetes && !type.Equals("managed", StringComparison.OrdinalIgnoreCase))
        {
            throw map.Error("type", $"'type: {type}' deployments are not supported; online deployments are 'type: managed' or 'type: kubernetes'");
        }
        if (isKubernetes != kubernetes)
        {
            throw map.Error("type", isKubernetes
                ? "this is a Kubernetes deployment ('type: kubernetes'); load it with KubernetesOnlineDeployment.Load"
                : "this is a managed deployment; load it with ManagedOnlineDeployment.Load");
        }
        OnlineDeployment deployment = isKubernetes
            ? new KubernetesOnlineDeployment(Required(map, "name"), Required(map, "endpoint_name")) { ResourceRequests = Resources(map, "requests"), ResourceLimits = Resources(map, "limits") }
            : new ManagedOnlineDeployment(Required(map, "name"), Required(map, "endpoint_name"))
            {
                // 'private_network_connection: true' is the older spelling of disabled egress.
                EgressPublicNetworkAccess = CliYamlParts.Enum(map, "egress_public_network_access", CliYamlParts.NetworkAccessValues)
                    ?? (map.Bool("private_network_connection") is { } isolated ? (isolated ? NetworkAccess.Disabled : NetworkAccess.Enabled) : (NetworkAccess?)null),
            };
        ReadShared(map, deployment);
        deployment.InstanceType = map.String("instance_type");
        deployment.InstanceCount = map.Int("instance_count");
        deployment.RequestSettings = CliYamlParts.RequestSettings(map);
        deployment.LivenessProbe = CliYamlParts.Probe(map, "liveness_probe");
        deployment.ReadinessProbe = CliYamlParts.Probe(map, "readiness_probe");
        deployment.AppInsightsEnabled = map.Bool("app_insights_enabled");
        deployment.ModelMountPath = map.String("model_mount_path");
        if (map.Map("scale_settings") is { } scale)
        {
            string? scaleType = scale.String("type") ?? scale.String("scale_type");
            if (scaleType is not null && !scaleType.Equals("default", StringComparison.OrdinalIgnoreCase))
            {
                throw map.Error("scale_settings", $"'scale_settings.type: {scaleType}' is not supported by this SDK; only default scaling is");
            }
            scale.EnsureAllKeysKnown();
        }
        EndpointYaml.Copy(map.Dictionary("environment_variables"), deployment.EnvironmentVariables);
        map.EnsureAllKeysKnown();
        return deployment;
    }

    /// <summary>The keys online and batch deployments share.</summary>
    private static void ReadShared(YamlMap map, Deployment deployment)
    {
        deployment.Description = map.String("description");
        deployment.Model = CliYamlParts.Model(map);
        deployment.Environment = CliYamlParts.Environment(map);
        deployment.CodeConfiguration = CliYamlParts.Code(map);
        deployment.Location = map.String("location");
        EndpointYaml.Copy(map.Dictionary("tags"), deployment.Tags);
        EndpointYaml.Copy(map.Dictionary("properties"), deployment.Properties);
    }

    public static void SaveOnline(OnlineDeployment deployment, string file)
    {
        var kubernetes = deployment as KubernetesOnlineDeployment;
        var writer = new YamlWriter(kubernetes is null ? OnlineSchema : KubernetesSchema)
            .Add("name", deployment.Name)
            .Add("type", kubernetes is null ? null : "kubernetes")
            .Add("endpoint_name", deployment.EndpointName)
            .Add("description", deployment.Description)
            .Add("model", ModelText(deployment.Model))
            .Add("model", InlineModel(deployment.Model, file))
            .Add("instance_type", deployment.InstanceType)
            .Add("instance_count", deployment.InstanceCount)
            .AddEnvironment(deployment.Environment, file)
            .AddCode(deployment.CodeConfiguration, file)
            .Add("app_insights_enabled", deployment.AppInsightsEnabled)
            .Add("model_mount_path", deployment.ModelMountPath)
            .Add("egress_public_network_access", (deployment as ManagedOnlineDeployment)?.EgressPublicNetworkAccess is { } egress ? CliYamlParts.EnumToYaml(egress) : null)
            .Add("resources", YamlWriter.Nested()
                .Add("requests", ResourcesYaml(kubernetes?.ResourceRequests))
                .Add("limits", ResourcesYaml(kubernetes?.ResourceLimits)))
            .Add("location", deployment.Location)
            .Add("environment_variables", deployment.EnvironmentVariables)
            .Add("tags", deployment.Tags)
            .Add("properties", deployment.Properties);
        if (deployment.RequestSettings is { } request)
        {
            writer.Add("request_settings", YamlWriter.Nested()
                .Add("request_timeout_ms", CliYamlParts.WholeMilliseconds(request.RequestTimeout))
                .Add("max_concurrent_requests_per_instance", request.MaxConcurrentRequestsPerInstance)
                .Add("max_queue_wait_ms", CliYamlParts.WholeMilliseconds(request.MaxQueueWait)));
        }
        foreach ((string key, ProbeSettings? probe) in new[] { ("liveness_probe", deployment.LivenessProbe), ("readiness_probe", deployment.ReadinessProbe) })
        {
            if (probe is not null)
            {
                writer.Add(key, YamlWriter.Nested()
                    .Add("initial_delay", CliYamlParts.WholeSeconds(probe.InitialDelay))
                    .Add("period", CliYamlParts.WholeSeconds(probe.Period))
                    .Add("timeout", CliYamlParts.WholeSeconds(probe.Timeout))
                    .Add("success_threshold", probe.SuccessThreshold)
                    .Add("failure_threshold", probe.FailureThreshold));
            }
        }
        writer.Save(file);
    }

    /// <summary>A Kubernetes deployment's <c>resources.requests</c> or <c>resources.limits</c>.</summary>
    private static ContainerResources? Resources(YamlMap map, string which)
    {
        if (map.Map("resources")?.Map(which) is not { } resources)
        {
            return null;
        }
        var result = new ContainerResources { Cpu = resources.String("cpu"), Memory = resources.String("memory"), Gpu = resources.String("nvidia.com/gpu") };
        resources.EnsureAllKeysKnown();
        return result;
    }

    private static YamlWriter ResourcesYaml(ContainerResources? resources) =>
        resources is null ? YamlWriter.Nested() : YamlWriter.Nested().Add("cpu", resources.Cpu).Add("memory", resources.Memory).Add("nvidia.com/gpu", resources.Gpu);

    public static BatchDeployment LoadBatch(string file)
    {
        YamlMap map = YamlMap.Load(file);
        map.Skip("$schema");
        string? type = map.String("type");
        if (type is not null && !type.Equals("model", StringComparison.OrdinalIgnoreCase))
        {
            throw map.Error("type", $"'type: {type}' batch deployments are not supported; this SDK deploys models (type: model)");
        }
        var deployment = new BatchDeployment(Required(map, "name"), Required(map, "endpoint_name"))
        {
            Compute = map.String("compute") is { } compute ? compute.Replace("azureml:", "", StringComparison.OrdinalIgnoreCase) : null,
        };
        ReadShared(map, deployment);
        if (map.Map("resources") is { } resources)
        {
            deployment.InstanceCount = resources.Int("instance_count");
            deployment.InstanceType = resources.String("instance_type");
            resources.EnsureAllKeysKnown();
        }
        if (map.Has("instance_count"))
        {
            if (deployment.InstanceCount is not null)
            {
                throw map.Error("instance_count", "Can't set instance_count when resources is provided");
            }
            deployment.InstanceCount = map.Int("instance_count");
        }
        // Settings sit at the top level in older files and under 'settings' in model batch deployments.
        ReadSettings(map, deployment);
        if (map.Map("settings") is { } settings)
        {
            ReadSettings(settings, deployment);
            settings.EnsureAllKeysKnown();
        }
        map.EnsureAllKeysKnown();
        return deployment;
    }

    public static void SaveBatch(BatchDeployment deployment, string file)
    {
        new YamlWriter(BatchSchema)
            .Add("name", deployment.Name)
            .Add("endpoint_name", deployment.EndpointName)
            .Add("type", "model")
            .Add("description", deployment.Description)
            .Add("model", ModelText(deployment.Model))
            .Add("model", InlineModel(deployment.Model, file))
            .Add("compute", deployment.Compute is null ? null : "azureml:" + deployment.Compute)
            .AddEnvironment(deployment.Environment, file)
            .AddCode(deployment.CodeConfiguration, file)
            .Add("location", deployment.Location)
            .Add("resources", YamlWriter.Nested().Add("instance_count", deployment.InstanceCount).Add("instance_type", deployment.InstanceType))
            .Add("settings", YamlWriter.Nested()
                .Add("mini_batch_size", deployment.MiniBatchSize)
                .Add("max_concurrency_per_instance", deployment.MaxConcurrencyPerInstance)
                .Add("output_action", deployment.OutputAction is { } action ? CliYamlParts.EnumToYaml(action) : null)
                .Add("output_file_name", deployment.OutputFileName)
                .Add("error_threshold", deployment.ErrorThreshold)
                .Add("logging_level", deployment.LoggingLevel is { } level ? CliYamlParts.EnumToYaml(level) : null)
                .Add("retry_settings", YamlWriter.Nested()
                    .Add("max_retries", deployment.RetrySettings?.MaxRetries)
                    .Add("timeout", CliYamlParts.WholeSeconds(deployment.RetrySettings?.Timeout)))
                .Add("environment_variables", deployment.EnvironmentVariables))
            .Add("tags", deployment.Tags)
            .Add("properties", deployment.Properties)
            .Save(file);
    }

    private static void ReadSettings(YamlMap map, BatchDeployment deployment)
    {
        deployment.MiniBatchSize = map.Int("mini_batch_size") ?? deployment.MiniBatchSize;
        deployment.MaxConcurrencyPerInstance = map.Int("max_concurrency_per_instance") ?? deployment.MaxConcurrencyPerInstance;
        deployment.OutputAction = CliYamlParts.Enum(map, "output_action", BatchOutputAction.AppendRow, BatchOutputAction.SummaryOnly) ?? deployment.OutputAction;
        deployment.OutputFileName = map.String("output_file_name") ?? deployment.OutputFileName;
        deployment.ErrorThreshold = map.Int("error_threshold") ?? deployment.ErrorThreshold;
        deployment.LoggingLevel = CliYamlParts.Enum(map, "logging_level", BatchLoggingLevel.Warning, BatchLoggingLevel.Info, BatchLoggingLevel.Debug) ?? deployment.LoggingLevel;
        if (map.Map("retry_settings") is { } retry)
        {
            deployment.RetrySettings = new BatchRetrySettings { MaxRetries = retry.Int("max_retries"), Timeout = CliYamlParts.Seconds(retry.Double("timeout")) };
            retry.EnsureAllKeysKnown();
        }
        EndpointYaml.Copy(map.Dictionary("environment_variables"), deployment.EnvironmentVariables);
    }

    /// <summary>A registered model as its reference (a model not yet registered is written by <see cref="InlineModel"/>).</summary>
    private static string? ModelText(ModelReference? model) => model switch
    {
        { Reference: { } reference } => reference.StartsWith("/", StringComparison.Ordinal) ? "azureml:" + reference : reference,
        { Model: { Id: { } id } } => "azureml:" + id,
        _ => null,
    };

    /// <summary>A model not yet registered, inline, with its local path relative to the saved file; empty (left out) otherwise.</summary>
    private static YamlWriter InlineModel(ModelReference? model, string file) =>
        model is { Reference: null, Model: { Id: null } inline } ? ModelYaml.Write(inline, YamlWriter.FolderOf(file), YamlWriter.Nested()) : YamlWriter.Nested();

    private static string Required(YamlMap map, string key) => map.String(key) ?? throw new CliYamlException($"'{map.File}' has no '{key}'.");
}
