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

    /// <summary>
    /// <c>environment: azureml:name:version</c> (or <c>@latest</c>, a curated name, an id), <c>{id: ...}</c>, or an inline
    /// environment (image, conda file) that is registered with the deployment.
    /// </summary>
    public static EnvironmentReference? Environment(YamlMap map)
    {
        YamlNode? node = map.Node("environment");
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } reference }:
                return string.IsNullOrWhiteSpace(reference)
                    ? throw map.Error(node, "'environment' is empty; give 'azureml:name:version', 'azureml:name@latest' or an inline environment")
                    : EnvironmentReference.FromReference(StripArmPrefix(reference));
            default:
                YamlMap inline = map.Map("environment")!;
                if (inline.String("id") is { } id)
                {
                    inline.Skip("name", "version", "image", "conda_file", "description", "tags", "properties", "os_type", "inference_config");
                    return EnvironmentReference.FromReference(StripArmPrefix(id));
                }
                MLEnvironment environment = EnvironmentYaml.Read(inline);
                inline.EnsureAllKeysKnown();
                return environment;
        }
    }

    /// <summary>
    /// <c>code_configuration: {code, scoring_script}</c>: a local folder (relative to the YAML file; uploaded with the
    /// deployment), <c>azureml:name:version</c> or an id.
    /// </summary>
    public static CodeConfiguration? Code(YamlMap map)
    {
        YamlMap? code = map.Map("code_configuration");
        if (code is null)
        {
            return null;
        }
        if (code.Node("code") is YamlMappingNode { } legacy && legacy.Children.ContainsKey("local_path"))
        {
            throw map.Error(legacy, "'code_configuration.code.local_path' is the preview CLI's syntax; give the folder itself: 'code: <path>'");
        }
        string source = code.String("code") ?? throw map.Error("code_configuration", "'code_configuration.code' is required");
        string script = code.String("scoring_script") ?? throw map.Error("code_configuration", "'code_configuration.scoring_script' is required");
        code.EnsureAllKeysKnown();
        return Core.CodeReferences.Resolve(source, string.Empty) is null
            ? new CodeConfiguration(Path.GetFullPath(Path.Combine(map.Folder, source)), script)
            : new CodeConfiguration(source.Trim(), script);
    }

    /// <summary>Writes an environment reference, or an inline environment not yet registered with its conda path relative to the saved file.</summary>
    public static YamlWriter AddEnvironment(this YamlWriter writer, EnvironmentReference? environment, string file) => environment switch
    {
        { Reference: { } reference } => writer.Add("environment", reference.StartsWith('/') ? "azureml:" + reference : reference),
        { Environment: { Id: { } id } } => writer.Add("environment", "azureml:" + id),
        { Environment: { } inline } => writer.Add("environment", EnvironmentYaml.Write(YamlWriter.Nested(), inline, YamlWriter.FolderOf(file))),
        _ => writer,
    };

    /// <summary>Writes a code configuration, a local folder relative to the saved file.</summary>
    public static YamlWriter AddCode(this YamlWriter writer, CodeConfiguration? code, string file) => code is null
        ? writer
        : writer.Add("code_configuration", YamlWriter.Nested()
            .Add("code", Core.CodeReferences.Resolve(code.Code, string.Empty) is null ? YamlWriter.RelativePath(YamlWriter.FolderOf(file), code.Code) : code.Code)
            .Add("scoring_script", code.ScoringScript));

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

    /// <summary>Reads a value of one of the extensible enums in its CLI spelling (<c>aml_token</c> for <c>AMLToken</c>); the CLI's schema is a closed set, so anything else is refused here rather than by the service.</summary>
    public static T? Enum<T>(YamlMap map, string key, params T[] known) where T : struct, IEquatable<T>
    {
        string? text = map.String(key);
        if (text is null)
        {
            return null;
        }
        foreach (T value in known)
        {
            if (string.Equals(Squash(value.ToString()), Squash(text), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        throw map.Error(key, $"'{key}' must be one of {string.Join(", ", known.Select(v => EnumToYaml(v)))}, not '{text}'");
    }

    /// <summary>The CLI spelling of a service value: snake case, acronyms kept whole (<c>AMLToken</c> is <c>aml_token</c>).</summary>
    public static string EnumToYaml<T>(T value) where T : struct
    {
        string wire = value.ToString() ?? string.Empty;
        var text = new System.Text.StringBuilder(wire.Length + 4);
        for (int i = 0; i < wire.Length; i++)
        {
            char c = wire[i];
            bool wordStart = i > 0 && char.IsUpper(c) && wire[i - 1] != ',' &&
                (char.IsLower(wire[i - 1]) || (i + 1 < wire.Length && char.IsLower(wire[i + 1])));
            if (wordStart)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    public static readonly EndpointAuthMode[] AuthModes = [EndpointAuthMode.Key, EndpointAuthMode.AmlToken, EndpointAuthMode.AadToken];

    public static readonly NetworkAccess[] NetworkAccessValues = [NetworkAccess.Enabled, NetworkAccess.Disabled];

    private static string Squash(string? value) =>
        (value ?? string.Empty).Replace("_", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);

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
