using Azure.Core;

namespace AzureMlflow.Deploy.Aspire;

/// <summary>
/// How <see cref="Microsoft.Extensions.Hosting.AzureMLClientExtensions.AddAzureMLScoringClient"/> builds a
/// <see cref="AzureMlflow.Deploy.ScoringClient"/> for one endpoint: bound from <c>Aspire:AzureML:Scoring</c> (then
/// <c>:{name}</c>), filled from the connection string (<c>ScoringUri=...;Key=...</c>), then changed by the callback.
/// </summary>
public sealed class AzureMLScoringClientSettings
{
    /// <summary>The endpoint's scoring URI, such as <c>https://my-ep.eastus.inference.ml.azure.com/score</c>.</summary>
    public Uri? ScoringUri { get; set; }

    /// <summary>An endpoint key; when null, the client authenticates with <see cref="Credential"/> (Azure AD).</summary>
    public string? Key { get; set; }

    /// <summary>The credential for Azure AD endpoints; <c>DefaultAzureCredential</c> when null.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The SHA-256 hash (hex) of the emulator's certificate to trust; null for a real endpoint.</summary>
    public string? CertificateHash { get; set; }

    /// <summary>Leaves out the client's traces.</summary>
    public bool DisableTracing { get; set; }

    /// <summary>The settings as the connection string <see cref="ScoringClient.FromConnectionString"/> reads.</summary>
    internal string ToConnectionString()
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder { ["ScoringUri"] = ScoringUri!.ToString() };
        if (Key is { Length: > 0 })
        {
            parts["Key"] = Key;
        }
        if (CertificateHash is { Length: > 0 })
        {
            parts["CertificateHash"] = CertificateHash;
        }
        return parts.ConnectionString;
    }

    internal void ParseConnectionString(string connectionString)
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        ScoringUri = AzureMLClientSettings.Read(parts, "ScoringUri") is { } uri ? new Uri(uri) : ScoringUri;
        Key = AzureMLClientSettings.Read(parts, "Key") ?? Key;
        CertificateHash = AzureMLClientSettings.Read(parts, "CertificateHash") ?? CertificateHash;
    }
}
