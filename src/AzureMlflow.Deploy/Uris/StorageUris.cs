using System.Net;

namespace AzureMlflow.Deploy.Uris;

/// <summary>Blob service URLs for datastores.</summary>
internal static class StorageUris
{
    /// <summary>
    /// <c>{protocol}://{account}.blob.{endpoint}</c> for a DNS endpoint suffix (<c>core.windows.net</c>, sovereign clouds).
    /// An endpoint that is an IP address or <c>localhost</c> (with an optional port) names a single host that serves
    /// accounts by path, as Azure Storage does for IP-style URLs (Azurite, Azure Stack), so the URL is
    /// <c>{protocol}://{endpoint}/{account}</c>.
    /// </summary>
    public static Uri BlobService(string? protocol, string accountName, string? endpoint)
    {
        string scheme = string.IsNullOrEmpty(protocol) ? "https" : protocol.ToLowerInvariant();
        string suffix = string.IsNullOrEmpty(endpoint) ? "core.windows.net" : endpoint;
        return IsSingleHost(suffix)
            ? new Uri($"{scheme}://{suffix}/{accountName}")
            : new Uri($"{scheme}://{accountName}.blob.{suffix}");
    }

    private static bool IsSingleHost(string endpoint)
    {
        string host = endpoint;
        if (host.StartsWith('['))
        {
            int close = host.IndexOf(']');
            host = close > 0 ? host[1..close] : host;
        }
        else if (host.Count(c => c == ':') == 1)
        {
            host = host[..host.IndexOf(':')];
        }
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out _);
    }
}
