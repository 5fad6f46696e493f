using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Yaml;

/// <summary>The pieces CLI v2 deployment YAML shares: model, environment, code, request settings, probes, enums.</summary>
internal static class CliYamlParts
{
    /// <summary>
    /// <c>model: azureml:name:version</c> / <c>azureml:name@latest</c> / an ARM id, or an inline model
    /// (<c>path</c> relative to the YAML file, <c>type</c>; the older <c>local_path</c> and <c>model_format: mlflow</c> too).
    /// </summary>
    public static ModelReference? Model(YamlMap map)
    {
        YamlNode? node = map.Node("model");
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } reference })
        {
            return string.IsNullOrWhiteSpace(StripArmPrefix(reference))
                ? throw map.Error(node, "'model' is empty; give 'azureml:name:version', 'azureml:name@latest' or an inline model")
                : ModelReference.FromReference(StripArmPrefix(reference));
        }
        YamlMap inline = map.Map("model")!;
        if (inline.String("id") is { } id)
        {
            inline.Skip("name", "version", "path", "type", "description", "tags", "properties", "flavors", "local_path", "model_format", "utc_time_created");
            return ModelReference.FromReference(StripArmPrefix(id));
        }
        Model model = ModelYaml.Read(inline);
        return model;
    }

    /// <summary><c>environment: azureml:name:version</c> or <c>{id: ...}</c>; inline environments need building, which this SDK does not do.</summary>
    public static string? Environment(YamlMap map)
    {
        YamlNode? node = map.Node("environment");
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } reference }:
                return StripArmPrefix(reference);
            default:
                YamlMap inline = map.Map("environment")!;
                string id = inline.String("id") ?? throw map.Error(node, "inline environments (image, conda_file) are not built by this SDK; register the environment and reference it by id, or use an MLflow model, which needs none");
                inline.Skip("name", "version", "image", "conda_file", "description", "tags");
                return StripArmPrefix(id);
        }
    }

    /// <summary><c>code_configuration: {code, scoring_script}</c> with a registered code asset.</summary>
    public static CodeConfiguration? Code(YamlMap map)
    {
        YamlMap? code = map.Map("code_configuration");
        if (code is null)
        {
            return null;
        }
        string source = code.String("code") ?? throw map.Error("code_configuration", "'code_configuration.code' is required");
        string script = code.String("scoring_script") ?? throw map.Error("code_configuration", "'code_configuration.scoring_script' is required");
        code.EnsureAllKeysKnown();
        if (!source.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase) && !source.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            throw map.Error("code_configuration", $"the local code folder '{source}' would need uploading as a code asset, which this SDK does not do; MLflow models need no scoring script");
        }
        return new CodeConfiguration(StripArmPrefix(source), script);
    }

    public static OnlineRequestSettings? RequestSettings(YamlMap map)
    {
        YamlMap? settings = map.Map("request_settings");
        if (settings is null)
        {
            return null;
        }
        var result = new OnlineRequestSettings
        {
            RequestTimeout = Milliseconds(settings.Int("request_timeout_ms")),
            MaxConcurrentRequestsPerInstance = settings.Int("max_concurrent_requests_per_instance"),
            MaxQueueWait = Milliseconds(settings.Int("max_queue_wait_ms")),
        };
        settings.EnsureAllKeysKnown();
        return result;
    }

    /// <summary>A probe; its durations are in seconds in YAML.</summary>
    public static ProbeSettings? Probe(YamlMap map, string key)
    {
        YamlMap? probe = map.Map(key);
        if (probe is null)
        {
            return null;
        }
        var result = new ProbeSettings
        {
            InitialDelay = Seconds(probe.Double("initial_delay")),
            Period = Seconds(probe.Double("period")),
            Timeout = Seconds(probe.Double("timeout")),
            SuccessThreshold = probe.Int("success_threshold"),
            FailureThreshold = probe.Int("failure_threshold"),
        };
        probe.EnsureAllKeysKnown();
        return result;
    }

    public static TEnum? Enum<TEnum>(YamlMap map, string key, params (string Yaml, TEnum Value)[] values) where TEnum : struct
    {
        string? text = map.String(key);
        if (text is null)
        {
            return null;
        }
        foreach ((string yaml, TEnum value) in values)
        {
            if (string.Equals(yaml, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        throw map.Error(key, $"'{key}' must be one of {string.Join(", ", values.Select(v => v.Yaml))}, not '{text}'");
    }

    public static string AuthModeToYaml(EndpointAuthMode mode) => mode switch
    {
        EndpointAuthMode.AmlToken => "aml_token",
        EndpointAuthMode.AadToken => "aad_token",
        _ => "key",
    };

    public static readonly (string, EndpointAuthMode)[] AuthModes = [("key", EndpointAuthMode.Key), ("aml_token", EndpointAuthMode.AmlToken), ("aad_token", EndpointAuthMode.AadToken)];

    public static TimeSpan? Seconds(double? value) => value is { } v ? TimeSpan.FromSeconds(v) : null;

    public static TimeSpan? Milliseconds(int? value) => value is { } v ? TimeSpan.FromMilliseconds(v) : null;

    public static int? WholeSeconds(TimeSpan? value) => value is { } v ? (int)Math.Round(v.TotalSeconds) : null;

    public static int? WholeMilliseconds(TimeSpan? value) => value is { } v ? (int)Math.Round(v.TotalMilliseconds) : null;

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The CLI writes ARM ids as <c>azureml:/subscriptions/...</c>; the id itself is what the service takes.</summary>
    public static string StripArmPrefix(string reference) =>
        reference.StartsWith("azureml:/", StringComparison.OrdinalIgnoreCase) && !reference.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase)
            ? reference["azureml:".Length..]
            : reference;
}
