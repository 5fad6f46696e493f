using Aspire.Hosting.ApplicationModel;
using Azure;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Emulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Adds Azure Machine Learning workspaces to an Aspire app model.</summary>
public static class AzureMLWorkspaceExtensions
{
    private const string ResourceType = "AzureMLWorkspace";

    /// <summary>
    /// Adds a workspace whose connection string comes from configuration (<c>ConnectionStrings:{name}</c>:
    /// <c>SubscriptionId=...;ResourceGroup=...;WorkspaceName=...</c>), as for any existing Azure resource. Call
    /// <see cref="RunAsEmulator"/> to run the local workspace emulator instead.
    /// </summary>
    /// <param name="builder">The app model.</param>
    /// <param name="name">The resource name, and the name services read the connection string by.</param>
    public static IResourceBuilder<AzureMLWorkspaceResource> AddAzureMLWorkspace(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var configured = new ParameterResource($"{name}-connection-string",
            _ => builder.Configuration.GetConnectionString(name)
                ?? throw new DistributedApplicationException($"The workspace '{name}' has no connection string: set ConnectionStrings:{name} (SubscriptionId=...;ResourceGroup=...;WorkspaceName=...), or call RunAsEmulator()."),
            secret: true);
        return builder.AddResource(new AzureMLWorkspaceResource(name, configured))
            .WithInitialState(new CustomResourceSnapshot { ResourceType = ResourceType, State = KnownResourceStates.Running, Properties = [] });
    }

    /// <summary>
    /// Runs the AzureMlflow.Deploy workspace emulator in place of the workspace, in the app host's process: it starts with
    /// the app (its logs in the dashboard, its studio page linked from it), reports healthy once the workspace answers, and
    /// stops with the app. Services that reference the workspace get its endpoint and the certificate to trust in the
    /// connection string; <c>AddAzureMLClient</c> reads them. Only in run mode: a published app uses the configured workspace.
    /// </summary>
    /// <param name="builder">The workspace.</param>
    /// <param name="configure">Adjusts the emulator (settings, MLflow models to deploy at start).</param>
    public static IResourceBuilder<AzureMLWorkspaceResource> RunAsEmulator(this IResourceBuilder<AzureMLWorkspaceResource> builder, Action<AzureMLEmulatorBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return builder;
        }
        AzureMLWorkspaceResource workspace = builder.Resource;
        var emulator = new EmulatedWorkspace(workspace.Name);
        configure?.Invoke(new AzureMLEmulatorBuilder(emulator, builder.ApplicationBuilder.AppHostDirectory));
        workspace.Emulator = emulator;

        string healthCheck = $"{workspace.Name}_workspace_answers";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, ct => WorkspaceAnswersAsync(emulator, ct));
        return builder
            .WithInitialState(new CustomResourceSnapshot { ResourceType = ResourceType + "Emulator", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithHealthCheck(healthCheck)
            .OnInitializeResource((resource, initialize, cancellationToken) => StartAsync(resource, emulator, initialize, cancellationToken));
    }

    private static async Task StartAsync(AzureMLWorkspaceResource resource, EmulatedWorkspace emulator, InitializeResourceEvent initialize, CancellationToken cancellationToken)
    {
        ILogger log = initialize.Logger;
        ResourceNotificationService notifications = initialize.Notifications;
        await notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.Starting, StartTimeStamp = DateTime.UtcNow }).ConfigureAwait(false);
        try
        {
            WorkspaceEmulator running = await emulator.StartAsync(log, cancellationToken).ConfigureAwait(false);
            // Stopped with the app: its Azurite and Python workers, and its temp folders, go too.
            initialize.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => Stop(emulator, log));
            log.LogInformation("Azure ML workspace emulator listening on {Endpoint}; studio at {Studio}", running.BaseUri, running.StudioUri);
            await SeedAsync(emulator, log, cancellationToken).ConfigureAwait(false);
            emulator.Publish(running);
            await notifications.PublishUpdateAsync(resource, s => s with
            {
                State = KnownResourceStates.Running,
                Urls = [new UrlSnapshot("studio", running.StudioUri.ToString(), IsInternal: false), new UrlSnapshot("resource manager", running.BaseUri.ToString(), IsInternal: true)],
                Properties = [.. s.Properties, new ResourcePropertySnapshot("workspace", running.WorkspaceResourceId)],
            }).ConfigureAwait(false);
            await initialize.Eventing.PublishAsync(new ConnectionStringAvailableEvent(resource, initialize.Services), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "The workspace emulator did not start");
            emulator.Fail(ex);
            await notifications.PublishUpdateAsync(resource, s => s with { State = KnownResourceStates.FailedToStart }).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the emulator as the app stops; a failure is logged, never thrown into the host's shutdown.</summary>
    private static void Stop(EmulatedWorkspace emulator, ILogger log)
    {
        try
        {
            emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "The workspace emulator did not stop cleanly");
        }
    }

    /// <summary>Deploys the MLflow models <see cref="AzureMLEmulatorBuilder.WithMlflowDeployment"/> named, through the SDK, as a user would.</summary>
    private static async Task SeedAsync(EmulatedWorkspace emulator, ILogger log, CancellationToken cancellationToken)
    {
        if (emulator.Deployments.Count == 0)
        {
            return;
        }
        MLClient ml = emulator.Client!;
        foreach (SeededDeployment seed in emulator.Deployments)
        {
            Model model = (await ml.Models.CreateOrUpdateAsync(new Model { Name = seed.Endpoint, Type = ModelType.MlflowModel, Path = seed.ModelFolder }, cancellationToken).ConfigureAwait(false)).Value;
            await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(seed.Endpoint), cancellationToken).ConfigureAwait(false);
            await ml.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
                new ManagedOnlineDeployment(seed.Deployment, seed.Endpoint) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 }, cancellationToken).ConfigureAwait(false);
            await ml.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, seed.Endpoint, new Dictionary<string, int> { [seed.Deployment] = 100 }, cancellationToken).ConfigureAwait(false);
            log.LogInformation("Deployed {Model} version {Version} to {Endpoint}/{Deployment}", model.Name, model.Version, seed.Endpoint, seed.Deployment);
        }
    }

    /// <summary>Healthy once the emulator answers the workspace GET (the resource manager call every client makes first).</summary>
    private static async Task<HealthCheckResult> WorkspaceAnswersAsync(EmulatedWorkspace emulator, CancellationToken cancellationToken)
    {
        if (emulator.Client is not { } client)
        {
            return HealthCheckResult.Unhealthy("The workspace emulator is not running.");
        }
        try
        {
            Workspace workspace = (await client.Workspaces.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return HealthCheckResult.Healthy($"Workspace {workspace.Name} answers.");
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("The workspace emulator does not answer.", ex);
        }
    }
}
