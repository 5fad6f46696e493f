using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Batch;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Emulator.Faults;
using AzureMlflow.Deploy.Emulator.Hosting;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AzureMlflow.Deploy.Emulator;

/// <summary>
/// A local Azure Machine Learning workspace: the ARM REST API of online endpoints, deployments and models, served over
/// HTTPS on a loopback port with real long-running-operation semantics. Start one per test fixture (or per process) and
/// point an <c>MLClient</c> at <see cref="BaseUri"/> with <see cref="CreateHttpMessageHandler"/> as its transport.
/// </summary>
public sealed class WorkspaceEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly string _certificateHash;
    private readonly SharedAzurite.Lease? _azurite;
    private readonly BlobStore? _store;
    private readonly DeployedModels _models;
    private readonly ScoringRoutes _scoring;
    private readonly WorkspaceState _state;

    private WorkspaceEmulator(WebApplication app, X509Certificate2 certificate, EmulatorOptions options, WorkspaceState state, RequestLog requests, FaultInjector faults,
        SharedAzurite.Lease? azurite, BlobStore? store, DeployedModels models, ScoringRoutes scoring, CustomScorers scorers)
    {
        _app = app;
        _state = state;
        _models = models;
        _scoring = scoring;
        Scorers = scorers;
        _azurite = azurite;
        _store = store;
        DefaultDatastoreContainer = DatastoreRoutes.Defaults(state)[0].Container;
        _certificate = certificate;
        _certificateHash = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        Options = options;
        WorkspaceResourceId = state.WorkspaceResourceId;
        Requests = requests;
        Faults = faults;
    }

    /// <summary>The options the emulator was started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The emulator's root, such as <c>https://127.0.0.1:52731/</c>; use it as the client's resource manager endpoint.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The emulator's studio page: the workspace's models and online endpoints, read in a browser.</summary>
    public Uri StudioUri => new(BaseUri, Studio.StudioRoutes.Path.TrimStart('/'));

    /// <summary><c>/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}</c>.</summary>
    public string WorkspaceResourceId { get; }

    /// <summary>Every request received, for assertions.</summary>
    public RequestLog Requests { get; }

    /// <summary>Hooks that inject throttling, server errors, dropped connections, delays and failed provisioning.</summary>
    public FaultInjector Faults { get; }

    /// <summary>
    /// Keeps every create, update and delete of the endpoint, deployment or batch endpoint named
    /// <paramref name="resourceName"/> in progress (and its batch jobs queued; a job's own name works too) until the
    /// returned hold is released, however long <see cref="EmulatorOptions.ProvisioningDuration"/> is. With no name, every
    /// operation and job is held. Use it to see an operation in progress without depending on the machine's speed:
    /// <c>using var hold = emulator.HoldOperations("my-endpoint");</c> ... <c>hold.Release();</c>
    /// </summary>
    /// <param name="resourceName">The resource to hold; null for all.</param>
    public Lro.OperationHold HoldOperations(string? resourceName = null) => _state.Hold(resourceName);

    /// <summary>
    /// Keeps the batch jobs of the batch endpoint or deployment named <paramref name="resourceName"/> (or the job of that
    /// name; every job when null) queued until the returned hold is released, while creates, updates and deletes go on:
    /// a test (or another client's scenario) can create the endpoint, invoke it and see the job queued, or cancel it.
    /// </summary>
    /// <param name="resourceName">The batch endpoint, deployment or job whose jobs to hold; null for all.</param>
    public Lro.OperationHold HoldJobs(string? resourceName = null) => _state.Hold(resourceName, jobsOnly: true);

    /// <summary>Scorers for models the emulator cannot run itself (flavors other than ONNX), by model name.</summary>
    public CustomScorers Scorers { get; }

    /// <summary>How many scoring requests each deployment of an endpoint has received, live and mirrored.</summary>
    /// <param name="endpointName">The endpoint.</param>
    public IReadOnlyDictionary<string, DeploymentTraffic> GetScoringTraffic(string endpointName) => _scoring.Traffic(endpointName);

    /// <summary>
    /// An account-key client for the workspace's blob storage (Azurite), for tests that inspect or tamper with what was
    /// uploaded; null when the emulator runs without storage.
    /// </summary>
    public BlobServiceClient? BlobService => _store?.Service;

    /// <summary>The container behind the default datastore, <c>workspaceblobstore</c>.</summary>
    public string DefaultDatastoreContainer { get; }

    /// <summary>The self-signed certificate the emulator serves (public part only is needed to trust it).</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>Starts an emulator on a loopback port and returns once it accepts requests.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<WorkspaceEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? new EmulatorOptions()).Validate();
        X509Certificate2 certificate = SelfSignedCertificate.Create();
        var state = new WorkspaceState(options);
        var requests = new RequestLog();
        var faults = new FaultInjector(state);
        (SharedAzurite.Lease? azurite, BlobStore? store) = await StartStorageAsync(options, state, cancellationToken).ConfigureAwait(false);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(WorkspaceEmulator).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        if (options.EnableConsoleLogging)
        {
            builder.Logging.AddConsole();
        }
        if (options.LoggerProvider is { } provider)
        {
            builder.Logging.AddProvider(provider);
        }
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate)));

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Hosting.EmbeddedLifetime>();
        WebApplication app = builder.Build();
        app.UseMiddleware<RequestRecorder>(requests, options.TimeProvider);
        app.UseMiddleware<FaultMiddleware>(faults);
        app.UseMiddleware<ArmGateMiddleware>(options);
        var models = new DeployedModels(state, store);
        var scorers = new CustomScorers();
        var scoring = new ScoringRoutes(state, models, scorers);
        var jobs = new JobRoutes(state, store is null ? null : new JobRunner(state, store, models));
        MapRoutes(app, state, store, models, scorers, scoring, jobs, requests);

        var emulator = new WorkspaceEmulator(app, certificate, options, state, requests, faults, azurite, store, models, scoring, scorers);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return emulator;
    }

    /// <summary>
    /// An HTTP handler that trusts exactly this emulator's certificate (and nothing else that is not otherwise trusted).
    /// Give it to the client as <c>new HttpClientTransport(emulator.CreateHttpMessageHandler())</c>.
    /// </summary>
    public HttpMessageHandler CreateHttpMessageHandler() => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), _certificateHash, StringComparison.OrdinalIgnoreCase)),
        },
    };

    /// <summary>
    /// The connection string <c>MLClient.FromConnectionString</c> reads (no secret in it):
    /// <c>Endpoint=...;SubscriptionId=...;ResourceGroup=...;WorkspaceName=...;CertificateHash=...</c>, the hash being
    /// this emulator's certificate's SHA-256, which the client trusts besides the system's certificates and nothing else.
    /// </summary>
    public string ConnectionString =>
        $"Endpoint={BaseUri};SubscriptionId={Options.SubscriptionId};ResourceGroup={Options.ResourceGroup};WorkspaceName={Options.WorkspaceName};CertificateHash={_certificateHash}";

    /// <summary>
    /// Writes what a client in another process needs to reach this emulator, as a workspace <c>config.json</c>
    /// (<c>subscription_id</c>, <c>resource_group</c>, <c>workspace_name</c>, so <c>MLClient.FromConfig</c> reads it) with
    /// three more keys: <c>endpoint</c> (<see cref="BaseUri"/>), <c>certificate</c> (the PEM to trust) and
    /// <c>connection_string</c> (<see cref="ConnectionString"/>). No secret is in it.
    /// The file appears whole: it is written under another name and then moved into place.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task WriteConnectionFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var connection = new System.Text.Json.Nodes.JsonObject
        {
            ["subscription_id"] = Options.SubscriptionId,
            ["resource_group"] = Options.ResourceGroup,
            ["workspace_name"] = Options.WorkspaceName,
            ["endpoint"] = BaseUri.ToString(),
            ["certificate"] = _certificate.ExportCertificatePem(),
            ["connection_string"] = ConnectionString,
        };
        // Written beside the target, then moved over it: a process watching for the file never reads half of it.
        string partial = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(partial, connection.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>Stops listening.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops the emulator and releases its port and certificate.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _models.Dispose();
        if (_azurite is not null)
        {
            // Azurite stays up for the process's next emulator; this workspace's blobs go now. Azurite may be gone already
            // (a signal to the whole process group stops it first): then there is nothing to delete, and no time to retry.
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _store!.Service.GetBlobContainerClient(DefaultDatastoreContainer).DeleteIfExistsAsync(cancellationToken: quick.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException)
            {
            }
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
        _certificate.Dispose();
    }

    private static async Task<(SharedAzurite.Lease?, BlobStore?)> StartStorageAsync(EmulatorOptions options, WorkspaceState state, CancellationToken cancellationToken)
    {
        SharedAzurite.Lease? azurite = null;
        Uri? endpoint = options.ExternalBlobEndpoint;
        if (options.Storage is EmulatorStorage.Auto or EmulatorStorage.Azurite)
        {
            string? launcher = await AzuriteLocator.FindAsync(options.AzuriteBlobPath, cancellationToken).ConfigureAwait(false);
            if (launcher is null && options.Storage == EmulatorStorage.Azurite)
            {
                throw new InvalidOperationException("Azurite was not found. " + AzuriteLocator.InstallHint);
            }
            if (launcher is not null)
            {
                azurite = await SharedAzurite.AcquireAsync(launcher, cancellationToken).ConfigureAwait(false);
                endpoint = azurite.BlobEndpoint;
            }
        }
        if (options.Storage == EmulatorStorage.None || endpoint is null)
        {
            return (azurite, null);
        }
        var store = new BlobStore(endpoint);
        await store.CreateContainersAsync(DatastoreRoutes.Defaults(state).Select(d => d.Container), cancellationToken).ConfigureAwait(false);
        return (azurite, store);
    }

    private static void MapRoutes(WebApplication app, WorkspaceState state, BlobStore? store, DeployedModels models, CustomScorers scorers, ScoringRoutes scoring, JobRoutes jobs, RequestLog requests)
    {
        scoring.Map(app);
        Studio.StudioRoutes.Map(app, state, state.WorkspaceResourceId, requests, new Studio.StudioFileRoutes(state, store));
        OperationRoutes.Map(app, state);
        DataPlane.DiscoveryRoutes.Map(app);
        LocationRoutes.Map(app, state);
        RouteGroupBuilder workspace = WorkspaceRoutes.Map(app, state);
        OnlineEndpointRoutes.Map(workspace, state, models.Python);
        OnlineDeploymentRoutes.Map(workspace, state, models, scorers);
        ModelRoutes.Map(workspace, state);
        DataRoutes.Map(workspace, state);
        DatastoreRoutes.Map(workspace, state, store);
        BatchEndpointRoutes.Map(workspace, state, models.Python);
        ComputeRoutes.Map(workspace, state);
        EnvironmentRoutes.Map(workspace, state);
        CodeRoutes.Map(workspace, state, store);
        BatchDeploymentRoutes.Map(workspace, state, models, scorers);
        jobs.Map(app, workspace);
        DataPlane.DataPlaneRoutes.Map(app, state, jobs, store);
        // Every path, files too (the default fallback pattern skips paths that end in a file name).
        app.MapFallback("{**path}", NotEmulated.Answer);
    }
}
