namespace AzureMlflow.Deploy.Emulator;

/// <summary>Settings of a <see cref="WorkspaceEmulator"/>: which workspace it pretends to be and how fast it works.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The subscription id in every resource id. Any GUID-like string works.</summary>
    public string SubscriptionId { get; set; } = "00000000-0000-0000-0000-000000000000";

    /// <summary>The resource group that holds the emulated workspace.</summary>
    public string ResourceGroup { get; set; } = "emulator-rg";

    /// <summary>The name of the emulated workspace.</summary>
    public string WorkspaceName { get; set; } = "emulator-ws";

    /// <summary>The workspace's Azure region, reported by the workspace GET and in operation URLs.</summary>
    public string Location { get; set; } = "eastus";

    /// <summary>The loopback port to listen on; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>How long a create, update or delete stays in progress before it succeeds (or fails, when told to).</summary>
    public TimeSpan ProvisioningDuration { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// When set, long-running operation responses carry <c>Retry-After</c> (whole seconds, rounded up) and
    /// <c>retry-after-ms</c> with this value, as the real service does; when null no retry hint is sent.
    /// </summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>How many items a list call returns before it pages with <c>nextLink</c>.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Endpoint names other workspaces in the region already use (endpoint names are unique per region): creating an
    /// endpoint with one of them fails as it does on the service.
    /// </summary>
    public ICollection<string> EndpointNamesTakenInRegion { get; } = new List<string>();

    /// <summary>
    /// The ids of runs (training jobs) the workspace has, which <c>runs:/{run}/{path}</c> model paths may name; a model
    /// registered from any other run is refused, as the service refuses a run it cannot find. Batch jobs count as runs too.
    /// </summary>
    public ICollection<string> Runs { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Decides whether a bearer token is accepted. Null (the default) accepts any non-empty token; requests without
    /// <c>Authorization: Bearer ...</c> are always refused with 401.
    /// </summary>
    public Func<string, bool>? AcceptToken { get; set; }

    /// <summary>The clock for operation durations and timestamps; replace it to control time in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How the workspace's blob storage is provided. <see cref="EmulatorStorage.Auto"/> (the default) starts Azurite when it
    /// can be found and otherwise runs without storage (datastore calls then answer 503 with install instructions).
    /// </summary>
    public EmulatorStorage Storage { get; set; } = EmulatorStorage.Auto;

    /// <summary>The <c>azurite-blob</c> launcher to run; found automatically when null (see <see cref="EmulatorStorage.Auto"/>).</summary>
    public string? AzuriteBlobPath { get; set; }

    /// <summary>With <see cref="EmulatorStorage.External"/>: the root of an Azurite blob service that is already running, e.g. <c>http://127.0.0.1:10000/</c>.</summary>
    public Uri? ExternalBlobEndpoint { get; set; }

    /// <summary>
    /// The Python interpreter that runs MLflow models of other flavors than ONNX (scikit-learn, XGBoost, LightGBM, a
    /// <c>python_function</c> loader module). Null finds one: the <c>AZUREML_EMULATOR_PYTHON</c> environment variable,
    /// then <c>python3</c> on the PATH and <c>/usr/bin/python3</c>, the first that can import numpy and pandas. The
    /// model's own libraries must be importable by it, as they must be in the deployment's environment on Azure.
    /// </summary>
    public string? PythonExecutable { get; set; }

    /// <summary>The seed for choosing a deployment by traffic weights, so tests see the same split every run.</summary>
    public int ScoringSeed { get; set; } = 1234;

    /// <summary>Writes ASP.NET Core's own logs to the console when true (off by default to keep test output clean).</summary>
    public bool EnableConsoleLogging { get; set; }

    /// <summary>
    /// Where the emulator's logs (each request with its status, ASP.NET Core's own) go besides the console, such as an
    /// app host's resource log; none when null.
    /// </summary>
    public ILoggerProvider? LoggerProvider { get; set; }

    internal EmulatorOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(SubscriptionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ResourceGroup);
        ArgumentException.ThrowIfNullOrWhiteSpace(WorkspaceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(Location);
        ArgumentOutOfRangeException.ThrowIfLessThan(ProvisioningDuration, TimeSpan.Zero, nameof(ProvisioningDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        if (Storage == EmulatorStorage.External && ExternalBlobEndpoint is null)
        {
            throw new ArgumentException("EmulatorStorage.External needs ExternalBlobEndpoint.", nameof(ExternalBlobEndpoint));
        }
        return this;
    }
}
