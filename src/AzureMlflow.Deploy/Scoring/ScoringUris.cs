using System.Net;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>Credentials go only over HTTPS, except to a loopback address (the emulator, a local MLflow server).</summary>
internal static class ScoringUris
{
    public static void EnsureSafe(Uri scoringUri)
    {
        if (!scoringUri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The scoring URI '{scoringUri}' must be absolute.", nameof(scoringUri));
        }
        bool loopback = scoringUri.IsLoopback || (IPAddress.TryParse(scoringUri.Host, out IPAddress? address) && IPAddress.IsLoopback(address));
        if (scoringUri.Scheme != Uri.UriSchemeHttps && !(scoringUri.Scheme == Uri.UriSchemeHttp && loopback))
        {
            throw new ArgumentException($"Refusing to send credentials to '{scoringUri.GetLeftPart(UriPartial.Authority)}' over {scoringUri.Scheme}; scoring URIs must use https (plain http is allowed only for loopback).", nameof(scoringUri));
        }
    }
}
