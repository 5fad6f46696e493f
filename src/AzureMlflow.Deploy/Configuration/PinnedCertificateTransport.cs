using System.Net.Security;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AzureMlflow.Deploy.Configuration;

/// <summary>
/// The transport for a connection string that names a certificate by its SHA-256 hash (the workspace emulator's
/// self-signed one): the system's trusted certificates are accepted as always, and that one certificate besides,
/// nothing else. The rest of the machine keeps its trust store untouched.
/// </summary>
internal static class PinnedCertificateTransport
{
    /// <summary>
    /// Gives <paramref name="options"/> the pinned transport when the connection string named a certificate and the
    /// caller kept Azure.Core's shared default; a transport the caller chose is left as it is.
    /// </summary>
    public static void ApplyTo(ClientOptions options, string? sha256)
    {
        if (sha256 is not null && ReferenceEquals(options.Transport, HttpClientTransport.Shared))
        {
            options.Transport = Create(sha256);
        }
    }

    private static HttpClientTransport Create(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"CertificateHash must be the certificate's SHA-256 hash as 64 hex digits; '{sha256}' is not.", "connectionString");
        }
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), sha256, StringComparison.OrdinalIgnoreCase));
        return new HttpClientTransport(handler);
    }
}
