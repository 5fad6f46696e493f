using Azure.Core;

namespace AzureMlflow.Deploy;

/// <summary>Options that configure <see cref="MLClient"/>: service version, cloud, authentication scope and long-running operation polling.</summary>
public class MLClientOptions : ClientOptions
{
    /// <summary>The ARM api-version the client sends for every Azure Machine Learning resource.</summary>
    public enum ServiceVersion
    {
        /// <summary>The 2024-04-01 stable api-version.</summary>
        V2024_04_01 = 1,

        /// <summary>
        /// The 2025-09-01 stable api-version. Request and response shapes of everything this client uses are the same as
        /// 2024-04-01 (responses may add optional fields, such as a deployment's <c>startupProbe</c>).
        /// </summary>
        V2025_09_01 = 2,
    }

    /// <summary>
    /// The default service version: the stable api-version whose wire shapes this client's serialization was checked
    /// against example by example. Newer versions are opt-in through the constructor.
    /// </summary>
    public const ServiceVersion LatestVersion = ServiceVersion.V2024_04_01;

    /// <summary>Creates options for the given service version (the latest stable by default).</summary>
    /// <param name="version">The api-version to send.</param>
    public MLClientOptions(ServiceVersion version = LatestVersion)
    {
        Version = version switch
        {
            ServiceVersion.V2024_04_01 => "2024-04-01",
            ServiceVersion.V2025_09_01 => "2025-09-01",
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown service version."),
        };
    }

    /// <summary>The api-version string sent on every request, e.g. <c>2024-04-01</c>.</summary>
    public string Version { get; }

    /// <summary>The Azure Resource Manager endpoint. Defaults to the public cloud; set it for sovereign clouds or the local emulator. Always https, even on loopback: Azure.Core sends bearer tokens only over TLS.</summary>
    public Uri ResourceManagerEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>
    /// Domains (besides the cloud's own inference domain, such as <c>inference.ml.azure.com</c>) whose scoring URIs may
    /// receive endpoint keys and tokens. Scoring URIs reported by the service elsewhere are refused before anything is sent.
    /// </summary>
    public IList<string> TrustedScoringDomains { get; } = new List<string>();

    /// <summary>The token scope requested for Azure Resource Manager. Defaults to <c>https://management.azure.com/.default</c>.</summary>
    public string AuthenticationScope { get; set; } = "https://management.azure.com/.default";

    /// <summary>
    /// The interval between status requests while waiting for a long-running operation, used when the service sends no
    /// <c>Retry-After</c> (a longer <c>Retry-After</c> always wins). Defaults to 5 seconds, the interval the Python SDK uses
    /// for endpoint and deployment operations.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many files of a local model folder upload at the same time (each large file also uploads its blocks in
    /// parallel). Defaults to twice the processor count, at least 4 and at most 32, like the Python SDK's worker count.
    /// </summary>
    public int UploadConcurrency { get; set; } = Math.Clamp(Environment.ProcessorCount * 2, 4, 32);

    /// <summary>The block size for uploading large files (files up to this size go in one request). Defaults to 8 MiB.</summary>
    public long UploadBlockSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Options for scoring calls (<see cref="OnlineEndpointOperations.InvokeAsync(string, Payloads.ScoringPayload, string, CancellationToken)"/>):
    /// format, retries, timeouts, circuit breaker. Unless a transport or an application id is set here, scoring uses this
    /// client's.
    /// </summary>
    public ScoringClientOptions Scoring { get; } = new();
}
