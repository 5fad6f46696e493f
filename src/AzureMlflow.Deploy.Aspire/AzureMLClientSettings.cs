using Azure.Core;

namespace AzureMlflow.Deploy.Aspire;

/// <summary>
/// How <see cref="Microsoft.Extensions.Hosting.AzureMLClientExtensions.AddAzureMLClient"/> builds an <see cref="MLClient"/>:
/// bound from configuration (<c>Aspire:AzureML:Client</c>, then <c>Aspire:AzureML:Client:{name}</c>), then filled
/// from the connection string, then changed by the caller's callback.
/// </summary>
public sealed class AzureMLClientSettings
{
    /// <summary>The subscription that holds the workspace.</summary>
    public string? SubscriptionId { get; set; }

    /// <summary>The workspace's resource group.</summary>
    public string? ResourceGroup { get; set; }

    /// <summary>The workspace's name.</summary>
    public string? WorkspaceName { get; set; }

    /// <summary>The resource manager endpoint, when it is not Azure's (another cloud, or the workspace emulator).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The SHA-256 hash (hex) of the one certificate to trust besides the system's: the workspace emulator's self-signed
    /// one, which its connection string names. Null for a real workspace.
    /// </summary>
    public string? CertificateHash { get; set; }

    /// <summary>
    /// The credential; <c>DefaultAzureCredential</c> when null, or, for the workspace emulator (which takes any token),
    /// a fixed local token.
    /// </summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Leaves out the health check (a workspace GET).</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Leaves out the client's traces (ActivitySource <c>AzureMlflow.Deploy</c> and Azure.Core's HTTP spans).</summary>
    public bool DisableTracing { get; set; }

    /// <summary>Whether the settings name the workspace emulator (it is known by the certificate it asks to trust).</summary>
    internal bool IsEmulator => CertificateHash is { Length: > 0 };

    /// <summary>Takes what the connection string names; keys are case-insensitive.</summary>
    internal void ParseConnectionString(string connectionString)
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        SubscriptionId = Read(parts, "SubscriptionId") ?? SubscriptionId;
        ResourceGroup = Read(parts, "ResourceGroup") ?? ResourceGroup;
        WorkspaceName = Read(parts, "WorkspaceName") ?? WorkspaceName;
        Endpoint = Read(parts, "Endpoint") is { } endpoint ? new Uri(endpoint) : Endpoint;
        CertificateHash = Read(parts, "CertificateHash") ?? CertificateHash;
    }

    /// <summary>The settings as the connection string <see cref="MLClient.FromConnectionString"/> reads.</summary>
    internal string ToConnectionString()
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder
        {
            ["SubscriptionId"] = SubscriptionId,
            ["ResourceGroup"] = ResourceGroup,
            ["WorkspaceName"] = WorkspaceName,
        };
        if (Endpoint is not null)
        {
            parts["Endpoint"] = Endpoint.ToString();
        }
        if (IsEmulator)
        {
            parts["CertificateHash"] = CertificateHash;
        }
        return parts.ConnectionString;
    }

    internal static string? Read(System.Data.Common.DbConnectionStringBuilder parts, string key) =>
        parts.TryGetValue(key, out object? value) && value is string text && text.Length > 0 ? text : null;
}
