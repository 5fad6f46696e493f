using Azure.Core;
using Azure.Core.Pipeline;
using AzureMlflow.Deploy.Core;

namespace AzureMlflow.Deploy;

/// <summary>
/// The entry point to one Azure Machine Learning workspace: register MLflow models, create managed online endpoints and
/// deployments, move traffic, read keys and logs. The .NET counterpart of Python's <c>azure.ai.ml.MLClient</c>.
/// Thread-safe; create one per workspace and reuse it.
/// </summary>
public partial class MLClient
{
    private const long MaxBlockSize = 4000L * 1024 * 1024;
    private static readonly ServiceErrorParser ErrorParser = new();
    private readonly ArmRestClient? _rest;

    /// <summary>For mocking.</summary>
    protected MLClient()
    {
    }

    /// <summary>Creates a client for a workspace.</summary>
    /// <param name="credential">The identity used for Azure Resource Manager, e.g. <c>new DefaultAzureCredential()</c>.</param>
    /// <param name="subscriptionId">The Azure subscription id.</param>
    /// <param name="resourceGroupName">The resource group of the workspace.</param>
    /// <param name="workspaceName">The workspace name.</param>
    /// <param name="options">Service version, cloud endpoint, polling and transport options.</param>
    public MLClient(TokenCredential credential, string subscriptionId, string resourceGroupName, string workspaceName, MLClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceGroupName);
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceName);
        options ??= new MLClientOptions();
        if (options.PollingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PollingInterval, "MLClientOptions.PollingInterval must be positive.");
        }
        if (options.ResourceManagerEndpoint is not { IsAbsoluteUri: true } arm || arm.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException(
                $"MLClientOptions.ResourceManagerEndpoint must be an absolute https URI, even on loopback (Azure.Core sends bearer tokens only over TLS; the emulator serves https); the bearer token is never sent over '{options.ResourceManagerEndpoint}'.", nameof(options));
        }
        if (options.UploadConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UploadConcurrency, "MLClientOptions.UploadConcurrency must be at least 1.");
        }
        if (options.UploadBlockSize is < 1 or > MaxBlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UploadBlockSize, $"MLClientOptions.UploadBlockSize must be between 1 byte and {MaxBlockSize} bytes (4000 MiB, the largest block Blob Storage accepts).");
        }

        if (ReferenceEquals(options.Scoring.Transport, HttpClientTransport.Shared))
        {
            options.Scoring.Transport = options.Transport;
        }
        // The app's id goes in the User-Agent of every request the client sends, scoring calls included (uploads too).
        options.Scoring.Diagnostics.ApplicationId ??= options.Diagnostics.ApplicationId;

        // Azure.Core's pipeline brings retries that honour Retry-After, logging with redaction and distributed tracing.
        var authentication = new BearerTokenAuthenticationPolicy(credential, options.AuthenticationScope);
        var unanswered = new UnansweredAttemptPolicy();
        HttpPipeline Build() => HttpPipelineBuilder.Build(new HttpPipelineOptions(options)
        {
            PerRetryPolicies = { authentication, unanswered },
            RequestFailedDetailsParser = ErrorParser, // RequestFailedException.ErrorCode: the specific code, not UserError
        });
        HttpPipeline pipeline = Build();
        // Keys, tokens and SAS come back in response bodies: those calls go through a twin pipeline that never logs
        // bodies, even when the app turned content logging on for everything else.
        bool logContent = options.Diagnostics.IsLoggingContentEnabled;
        options.Diagnostics.IsLoggingContentEnabled = false;
        HttpPipeline secretPipeline = Build();
        options.Diagnostics.IsLoggingContentEnabled = logContent;
        _rest = new ArmRestClient(pipeline, secretPipeline, options, subscriptionId, resourceGroupName, workspaceName);
        Credential = credential;
        Workspaces = new WorkspaceOperations(this);
        Models = new ModelOperations(this);
        OnlineEndpoints = new OnlineEndpointOperations(this);
        OnlineDeployments = new OnlineDeploymentOperations(this);
        Datastores = new DatastoreOperations(this);
        BatchEndpoints = new BatchEndpointOperations(this);
        Computes = new ComputeOperations(this);
        Environments = new EnvironmentOperations(this);
        CodeAssets = new CodeAssetOperations(this);
        BatchDeployments = new BatchDeploymentOperations(this);
        Jobs = new JobOperations(this);
        Containers = new Storage.DatastoreContainers(this);
    }

    /// <summary>
    /// Creates a client for the workspace named in a <c>config.json</c> (as downloaded from Azure ML studio and read by the
    /// Python SDK's <c>MLClient.from_config</c>): <paramref name="path"/> is the file or a folder to start from (the
    /// current folder by default); <c>config.json</c>, <c>.azureml/config.json</c> and <c>aml_config/config.json</c> are
    /// looked for there and in every parent folder.
    /// </summary>
    /// <param name="credential">The credential.</param>
    /// <param name="path">The config file, or the folder to start looking in.</param>
    /// <param name="options">Client options.</param>
    /// <exception cref="FileNotFoundException">No config file was found; the message lists where it looked.</exception>
    /// <exception cref="InvalidDataException">The file is not valid or lacks a key.</exception>
    public static MLClient FromConfig(TokenCredential credential, string? path = null, MLClientOptions? options = null)
    {
        (string subscription, string resourceGroup, string workspace, _) = Configuration.WorkspaceConfigFile.Find(path);
        return new MLClient(credential, subscription, resourceGroup, workspace, options);
    }

    /// <summary>
    /// Creates a client from a connection string that names the workspace:
    /// <c>SubscriptionId=...;ResourceGroup=...;WorkspaceName=...</c>, with <c>Endpoint=...</c> when the resource manager
    /// is not Azure's public cloud, and <c>CertificateHash=...</c> (the SHA-256 hash of a self-signed certificate to trust
    /// besides the system's) for the workspace emulator, whose <c>ConnectionString</c> carries both. The string holds no
    /// secret; the Aspire integration hands it to services, and a script can read it from an environment variable.
    /// </summary>
    /// <param name="connectionString">The connection string; keys are case-insensitive, unknown keys are refused.</param>
    /// <param name="credential">
    /// The identity used for Azure Resource Manager, e.g. <c>new DefaultAzureCredential()</c>. May be null only for the
    /// emulator (a connection string with <c>CertificateHash</c>), which takes any token: a fixed local one is sent.
    /// </param>
    /// <param name="options">Client options; <c>ResourceManagerEndpoint</c> and (unless set) <c>Transport</c> come from the connection string.</param>
    /// <exception cref="ArgumentException">The connection string lacks a key, has an unknown one, or a value is malformed.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="credential"/> is null for a workspace that is not the emulator.</exception>
    public static MLClient FromConnectionString(string connectionString, TokenCredential? credential = null, MLClientOptions? options = null)
    {
        var parts = new Configuration.ConnectionStringParts(connectionString, "workspace",
            "SubscriptionId", "ResourceGroup", "WorkspaceName", "Endpoint", "CertificateHash");
        string subscription = parts.Required("SubscriptionId");
        string resourceGroup = parts.Required("ResourceGroup");
        string workspace = parts.Required("WorkspaceName");
        string? certificateHash = parts.Optional("CertificateHash");
        options ??= new MLClientOptions();
        if (parts.OptionalUri("Endpoint") is { } endpoint)
        {
            options.ResourceManagerEndpoint = endpoint;
        }
        Configuration.PinnedCertificateTransport.ApplyTo(options, certificateHash);
        credential ??= certificateHash is not null
            ? DelegatedTokenCredential.Create((_, _) => new AccessToken("workspace-emulator", DateTimeOffset.MaxValue))
            : throw new ArgumentNullException(nameof(credential), "A workspace in Azure needs a credential, e.g. new DefaultAzureCredential(); only the emulator's connection string (with CertificateHash) works without one.");
        return new MLClient(credential, subscription, resourceGroup, workspace, options);
    }

    internal ArmRestClient Rest => _rest ?? throw new InvalidOperationException("This instance was created for mocking.");

    internal TokenCredential Credential { get; } = null!;

    /// <summary>The datastores' blob containers this client has opened.</summary>
    internal Storage.DatastoreContainers Containers { get; } = null!;

    /// <summary>The subscription id of the workspace.</summary>
    public virtual string SubscriptionId => Rest.SubscriptionId;

    /// <summary>The resource group of the workspace.</summary>
    public virtual string ResourceGroupName => Rest.ResourceGroupName;

    /// <summary>The workspace name.</summary>
    public virtual string WorkspaceName => Rest.WorkspaceName;

    /// <summary>Reads the workspace (its region is cached and used for new endpoints and deployments).</summary>
    public virtual WorkspaceOperations Workspaces { get; } = null!;

    /// <summary>Creates, reads and deletes compute clusters (which batch deployments run on) and reads attached Kubernetes computes.</summary>
    public virtual ComputeOperations Computes { get; } = null!;

    /// <summary>Registers, reads, lists and archives environments (what deployments with a scoring script run in).</summary>
    public virtual EnvironmentOperations Environments { get; } = null!;

    /// <summary>Code assets: the uploaded folders scoring scripts live in (Python's <c>ml_client.code</c>).</summary>
    public virtual CodeAssetOperations CodeAssets { get; } = null!;

    /// <summary>Registers and reads models.</summary>
    public virtual ModelOperations Models { get; } = null!;

    /// <summary>Creates, reads, deletes online endpoints; reads keys; moves traffic.</summary>
    public virtual OnlineEndpointOperations OnlineEndpoints { get; } = null!;

    /// <summary>Creates, reads, deletes online deployments; reads their logs.</summary>
    public virtual OnlineDeploymentOperations OnlineDeployments { get; } = null!;

    /// <summary>Creates, reads, deletes and invokes batch endpoints.</summary>
    public virtual BatchEndpointOperations BatchEndpoints { get; } = null!;

    /// <summary>Creates, reads and deletes batch deployments.</summary>
    public virtual BatchDeploymentOperations BatchDeployments { get; } = null!;

    /// <summary>Follows, cancels and downloads batch jobs.</summary>
    public virtual JobOperations Jobs { get; } = null!;

    /// <summary>Reads datastores (where model files are uploaded).</summary>
    public virtual DatastoreOperations Datastores { get; } = null!;

    /// <inheritdoc/>
    public override string ToString() => _rest is null ? "MLClient (mock)" : $"MLClient for workspace '{WorkspaceName}' in resource group '{ResourceGroupName}'";
}
