using Aspire.Hosting.ApplicationModel;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Emulator;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>
/// The workspace emulator behind an <see cref="AzureMLWorkspaceResource"/>: started in the app host's process when the
/// resource initializes (so it stops with the app), its deployments seeded, and its connection string, which names the
/// emulator's endpoint and the SHA-256 hash of the certificate to trust, handed to the resources that reference it.
/// </summary>
internal sealed class EmulatedWorkspace : IValueProvider, IManifestExpressionProvider, IAsyncDisposable
{
    private readonly TaskCompletionSource<string> _connectionString = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EmulatedWorkspace(string resourceName) => ResourceName = resourceName;

    public string ResourceName { get; }

    /// <summary>The emulator's settings, adjusted by <c>RunAsEmulator</c>'s callback before it starts.</summary>
    public EmulatorOptions Options { get; } = new();

    /// <summary>The MLflow models to deploy once the emulator runs, so services find them when they start.</summary>
    public List<SeededDeployment> Deployments { get; } = [];

    /// <summary>The running emulator (null before the resource initializes).</summary>
    public WorkspaceEmulator? Running { get; private set; }

    /// <summary>The app host's own client of the running emulator, for seeding and the health check.</summary>
    public MLClient? Client { get; private set; }

    /// <summary>The expression the publishing manifest would carry; an emulator has none outside local runs.</summary>
    public string ValueExpression => $"{{{ResourceName}.connectionString}}";

    public async Task<WorkspaceEmulator> StartAsync(ILogger log, CancellationToken cancellationToken)
    {
        Options.LoggerProvider = new ResourceLoggerProvider(log);
        WorkspaceEmulator emulator = await WorkspaceEmulator.StartAsync(Options, cancellationToken).ConfigureAwait(false);
        Running = emulator;
        Client = MLClient.FromConnectionString(emulator.ConnectionString, options: new MLClientOptions { PollingInterval = TimeSpan.FromMilliseconds(100) });
        return emulator;
    }

    /// <summary>Makes the connection string known to the resources that wait for it (after seeding).</summary>
    public void Publish(WorkspaceEmulator emulator) => _connectionString.TrySetResult(emulator.ConnectionString);

    public void Fail(Exception error) => _connectionString.TrySetException(error);

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        await _connectionString.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask<string?> GetValueAsync(ValueProviderContext context, CancellationToken cancellationToken = default) => GetValueAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Running is { } emulator)
        {
            Running = null;
            Client = null;
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>An MLflow model folder deployed to an online endpoint of the emulator when it starts, with all the endpoint's traffic.</summary>
/// <param name="Endpoint">The online endpoint (created).</param>
/// <param name="ModelFolder">The local MLflow model folder (registered under the endpoint's name).</param>
/// <param name="Deployment">The deployment's name.</param>
internal sealed record SeededDeployment(string Endpoint, string ModelFolder, string Deployment);
