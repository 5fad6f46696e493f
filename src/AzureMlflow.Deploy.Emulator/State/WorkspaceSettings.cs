using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>What a partial update (PATCH) of the emulated workspace may change: its tags, description and friendly name.</summary>
internal sealed class WorkspaceSettings
{
    public JsonObject Tags { get; set; } = [];
    public string? Description { get; set; } = "Azure ML workspace emulated by AzureMlflow.Deploy.Emulator";
    public string? FriendlyName { get; set; }
    public string PublicNetworkAccess { get; set; } = "Enabled";
    public DateTimeOffset? LastModifiedAt { get; set; }

    /// <summary>The container registry's passwords that <c>listKeys</c> hands out (made up per workspace, as a registry's are).</summary>
    public string[] RegistryPasswords { get; } = [Secrets.NewKey(), Secrets.NewKey()];

    /// <summary>Application Insights' instrumentation key (an id, not a secret).</summary>
    public string InstrumentationKey { get; } = Guid.NewGuid().ToString();
}
