using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AzureMlflow.Deploy.Benchmarks.Scoring;

/// <summary>What the server process (<c>--serve</c>) hosts, written to a file for the client side.</summary>
internal sealed record ServerInfo(
    string EchoScoringUri, string EmulatorUri, string CertificateSha256, string SubscriptionId, string ResourceGroup, string WorkspaceName,
    string EndpointName, string EmulatorScoringUri, string Key, string? ContainerSasUri)
{
    public const string Endpoint = "bench-ep";
    public const string ModelName = "bench-echo";

    public static ServerInfo Load(string path) => JsonSerializer.Deserialize<ServerInfo>(File.ReadAllText(path))!;

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));

    /// <summary>A handler that trusts exactly the emulator's self-signed certificate.</summary>
    public SocketsHttpHandler EmulatorHandler() => TrustingHandler(CertificateSha256);

    public static SocketsHttpHandler TrustingHandler(string sha256) => new()
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), sha256, StringComparison.OrdinalIgnoreCase)),
        },
    };

    public MLClient CreateClient(HttpMessageHandler? handler = null, TimeSpan? pollingInterval = null)
    {
        var options = new MLClientOptions { ResourceManagerEndpoint = new Uri(EmulatorUri), Transport = new HttpClientTransport(handler ?? EmulatorHandler()) };
        if (pollingInterval is { } interval)
        {
            options.PollingInterval = interval;
        }
        return new MLClient(BenchCredential.Instance, SubscriptionId, ResourceGroup, WorkspaceName, options);
    }
}

/// <summary>A fixed token: the emulator accepts any bearer token, and token acquisition is not what is measured.</summary>
internal sealed class BenchCredential : TokenCredential
{
    public static readonly BenchCredential Instance = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("bench-token", DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
}
