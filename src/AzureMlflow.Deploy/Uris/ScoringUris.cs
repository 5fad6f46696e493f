using System.Net;

namespace AzureMlflow.Deploy.Uris;

/// <summary>
/// Where scoring credentials may go. Any scoring URI: HTTPS, or plain HTTP to a loopback address (the emulator, a local
/// MLflow server). A scoring URI the service reports (and that will receive the endpoint's key or token): also on the
/// cloud's inference domain, or loopback when the resource manager itself is loopback (the emulator).
/// </summary>
internal static class ScoringUris
{
    /// <summary>The inference domain of each Azure cloud, by its resource manager host.</summary>
    private static readonly Dictionary<string, string> InferenceDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        ["management.azure.com"] = "inference.ml.azure.com",
        ["management.chinacloudapi.cn"] = "inference.ml.azure.cn",
        ["management.usgovcloudapi.net"] = "inference.ml.azure.us",
    };

    public static void EnsureSafe(Uri scoringUri)
    {
        if (!scoringUri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The scoring URI '{scoringUri}' must be absolute.", nameof(scoringUri));
        }
        if (scoringUri.Scheme != Uri.UriSchemeHttps && !(scoringUri.Scheme == Uri.UriSchemeHttp && IsLoopback(scoringUri)))
        {
            throw new ArgumentException($"Refusing to send credentials to '{scoringUri.GetLeftPart(UriPartial.Authority)}' over {scoringUri.Scheme}; scoring URIs must use https (plain http is allowed only for loopback).", nameof(scoringUri));
        }
    }

    /// <summary>Checks a scoring URI reported by the service before the endpoint's credentials are sent to it.</summary>
    /// <exception cref="InvalidOperationException">The URI is off the cloud's inference domain (and the trusted ones).</exception>
    public static Uri EnsureFromService(Uri scoringUri, Uri resourceManager, IEnumerable<string> trustedDomains)
    {
        EnsureSafe(scoringUri);
        if (IsLoopback(resourceManager))
        {
            return IsLoopback(scoringUri)
                ? scoringUri
                : throw new InvalidOperationException($"The local resource manager reported the scoring URI host '{scoringUri.Host}', which is not loopback; the endpoint's credentials are not sent there.");
        }
        List<string> domains = [.. trustedDomains];
        if (InferenceDomains.TryGetValue(resourceManager.Host, out string? cloud))
        {
            domains.Add(cloud);
        }
        string host = scoringUri.Host;
        if (domains.Any(d => host.EndsWith("." + d.Trim('.'), StringComparison.OrdinalIgnoreCase)))
        {
            return scoringUri;
        }
        throw new InvalidOperationException(
            $"The service reported the scoring URI host '{host}', which is not under {(domains.Count == 0 ? "any trusted domain" : string.Join(" or ", domains.Select(d => $"'{d}'")))}; " +
            "the endpoint's credentials are not sent there. For a cloud this client does not know, add its inference domain to MLClientOptions.TrustedScoringDomains.");
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out IPAddress? address) && IPAddress.IsLoopback(address));
}
