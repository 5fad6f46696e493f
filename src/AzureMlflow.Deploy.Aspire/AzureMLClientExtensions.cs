using Azure;
using Azure.Core;
using Azure.Identity;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Aspire;
using AzureMlflow.Deploy.Scoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers AzureMlflow.Deploy's clients in an Aspire service, as Aspire's Azure client integrations do: from the
/// connection string the app host hands out (or configuration), with settings bound from configuration, a health check
/// and the client's traces for OpenTelemetry.
/// </summary>
public static class AzureMLClientExtensions
{
    /// <summary>The configuration section <see cref="AzureMLClientSettings"/> are bound from.</summary>
    public const string ClientSection = "Aspire:AzureML:Client";

    /// <summary>The configuration section <see cref="AzureMLScoringClientSettings"/> are bound from.</summary>
    public const string ScoringSection = "Aspire:AzureML:Scoring";

    /// <summary>The SDK's ActivitySource: a span per public operation (<c>OnlineEndpointOperations.Invoke</c>...).</summary>
    private const string SdkSource = "AzureMlflow.Deploy";

    /// <summary>Registers an <see cref="MLClient"/> for the workspace the connection string <paramref name="connectionName"/> names.</summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="connectionName">The connection string's name (the workspace resource's name in the app host).</param>
    /// <param name="configureSettings">Changes the settings after configuration and the connection string are read.</param>
    /// <param name="configureClientOptions">Changes the client's options (retries, diagnostics...).</param>
    public static void AddAzureMLClient(this IHostApplicationBuilder builder, string connectionName,
        Action<AzureMLClientSettings>? configureSettings = null, Action<MLClientOptions>? configureClientOptions = null) =>
        AddClient(builder, connectionName, serviceKey: null, configureSettings, configureClientOptions);

    /// <summary>Registers a keyed <see cref="MLClient"/> (key <paramref name="name"/>), for a service that talks to several workspaces.</summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="name">The connection string's name, and the service key.</param>
    /// <param name="configureSettings">Changes the settings after configuration and the connection string are read.</param>
    /// <param name="configureClientOptions">Changes the client's options.</param>
    public static void AddKeyedAzureMLClient(this IHostApplicationBuilder builder, string name,
        Action<AzureMLClientSettings>? configureSettings = null, Action<MLClientOptions>? configureClientOptions = null) =>
        AddClient(builder, name, serviceKey: name, configureSettings, configureClientOptions);

    /// <summary>Registers a <see cref="ScoringClient"/> for the endpoint the connection string <paramref name="connectionName"/> names.</summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="connectionName">The connection string's name (<c>ScoringUri=...;Key=...</c>).</param>
    /// <param name="configureSettings">Changes the settings after configuration and the connection string are read.</param>
    /// <param name="configureClientOptions">Changes the client's options (retries, timeouts, payload format...).</param>
    public static void AddAzureMLScoringClient(this IHostApplicationBuilder builder, string connectionName,
        Action<AzureMLScoringClientSettings>? configureSettings = null, Action<ScoringClientOptions>? configureClientOptions = null) =>
        AddScoringClient(builder, connectionName, serviceKey: null, configureSettings, configureClientOptions);

    /// <summary>Registers a keyed <see cref="ScoringClient"/> (key <paramref name="name"/>), for a service that scores several endpoints.</summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="name">The connection string's name, and the service key.</param>
    /// <param name="configureSettings">Changes the settings after configuration and the connection string are read.</param>
    /// <param name="configureClientOptions">Changes the client's options.</param>
    public static void AddKeyedAzureMLScoringClient(this IHostApplicationBuilder builder, string name,
        Action<AzureMLScoringClientSettings>? configureSettings = null, Action<ScoringClientOptions>? configureClientOptions = null) =>
        AddScoringClient(builder, name, serviceKey: name, configureSettings, configureClientOptions);

    private static void AddClient(IHostApplicationBuilder builder, string connectionName, string? serviceKey,
        Action<AzureMLClientSettings>? configureSettings, Action<MLClientOptions>? configureClientOptions)
    {
        AzureMLClientSettings settings = ReadSettings<AzureMLClientSettings>(builder, ClientSection, connectionName, (s, c) => s.ParseConnectionString(c), configureSettings);
        if (settings.SubscriptionId is null || settings.ResourceGroup is null || settings.WorkspaceName is null)
        {
            throw new InvalidOperationException(
                $"The Azure ML workspace '{connectionName}' is not named: set ConnectionStrings:{connectionName} (SubscriptionId=...;ResourceGroup=...;WorkspaceName=...) " +
                $"or {ClientSection}:{connectionName}:SubscriptionId, ResourceGroup and WorkspaceName.");
        }

        MLClient Create()
        {
            var options = new MLClientOptions();
            configureClientOptions?.Invoke(options);
            options.Diagnostics.IsDistributedTracingEnabled &= !settings.DisableTracing;
            // The emulator takes any token; the SDK sends a fixed one when the connection string names the emulator.
            TokenCredential? credential = settings.Credential ?? (settings.IsEmulator ? null : new DefaultAzureCredential());
            return MLClient.FromConnectionString(settings.ToConnectionString(), credential, options);
        }

        Register(builder, serviceKey, Create);
        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"AzureML_{connectionName}",
                sp => new MLClientHealthCheck(serviceKey is null ? sp.GetRequiredService<MLClient>() : sp.GetRequiredKeyedService<MLClient>(serviceKey)),
                failureStatus: default, tags: default));
        }
        if (!settings.DisableTracing)
        {
            AddTracing(builder);
        }
    }

    private static void AddScoringClient(IHostApplicationBuilder builder, string connectionName, string? serviceKey,
        Action<AzureMLScoringClientSettings>? configureSettings, Action<ScoringClientOptions>? configureClientOptions)
    {
        AzureMLScoringClientSettings settings = ReadSettings<AzureMLScoringClientSettings>(builder, ScoringSection, connectionName, (s, c) => s.ParseConnectionString(c), configureSettings);
        if (settings.ScoringUri is null)
        {
            throw new InvalidOperationException(
                $"The scoring endpoint '{connectionName}' has no scoring URI: set ConnectionStrings:{connectionName} (ScoringUri=...;Key=...) or {ScoringSection}:{connectionName}:ScoringUri.");
        }

        ScoringClient Create()
        {
            var options = new ScoringClientOptions();
            configureClientOptions?.Invoke(options);
            options.Diagnostics.IsDistributedTracingEnabled &= !settings.DisableTracing;
            TokenCredential? credential = settings.Key is null ? settings.Credential ?? new DefaultAzureCredential() : null;
            return ScoringClient.FromConnectionString(settings.ToConnectionString(), credential, options);
        }

        Register(builder, serviceKey, Create);
        if (!settings.DisableTracing)
        {
            AddTracing(builder);
        }
    }

    /// <summary>
    /// Settings as Aspire's client integrations read them: the shared section, then the named one, then the connection
    /// string, then the caller's callback, each overriding what came before.
    /// </summary>
    private static T ReadSettings<T>(IHostApplicationBuilder builder, string section, string connectionName, Action<T, string> parseConnectionString, Action<T>? configure)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var settings = new T();
        builder.Configuration.GetSection(section).Bind(settings);
        builder.Configuration.GetSection($"{section}:{connectionName}").Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            parseConnectionString(settings, connectionString);
        }
        configure?.Invoke(settings);
        return settings;
    }

    /// <summary>One client for the app (created on first use), keyed when <paramref name="serviceKey"/> is set.</summary>
    private static void Register<T>(IHostApplicationBuilder builder, string? serviceKey, Func<T> create)
        where T : class
    {
        if (serviceKey is null)
        {
            builder.Services.AddSingleton(_ => create());
        }
        else
        {
            builder.Services.AddKeyedSingleton(serviceKey, (_, _) => create());
        }
    }

    /// <summary>
    /// The SDK's spans and Azure.Core's HTTP spans beneath them, for the service's OpenTelemetry tracing (the Aspire
    /// dashboard shows them). Azure.Core's ActivitySource support is behind a switch that Aspire's Azure integrations set too.
    /// </summary>
    private static void AddTracing(IHostApplicationBuilder builder)
    {
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(SdkSource, "Azure.Core.Http"));
    }
}
