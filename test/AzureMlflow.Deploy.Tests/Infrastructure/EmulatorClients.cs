using Azure.Core;
using Azure.Core.Pipeline;
using AzureMlflow.Deploy.Emulator;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>Builds an <see cref="MLClient"/> that talks to an emulator over HTTPS, with test-speed polling and retries.</summary>
internal static class EmulatorClients
{
    public static MLClientOptions Options(WorkspaceEmulator emulator)
    {
        var options = new MLClientOptions
        {
            ResourceManagerEndpoint = emulator.BaseUri,
            PollingInterval = TimeSpan.FromMilliseconds(10),
            Transport = new HttpClientTransport(emulator.CreateHttpMessageHandler()),
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        return options;
    }

    public static MLClient Create(WorkspaceEmulator emulator, TokenCredential? credential = null, MLClientOptions? options = null) =>
        new(credential ?? new FakeCredential(), emulator.Options.SubscriptionId, emulator.Options.ResourceGroup, emulator.Options.WorkspaceName,
            options ?? Options(emulator));

    /// <summary>Starts an emulator whose operations finish quickly, so the suite never waits for real provisioning times.</summary>
    public static Task<WorkspaceEmulator> StartFastAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { ProvisioningDuration = TimeSpan.FromMilliseconds(40) };
        configure?.Invoke(options);
        return WorkspaceEmulator.StartAsync(options);
    }
}
