using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>An online endpoint: its ARM resource as the service returns it, its secrets and its deployments.</summary>
internal sealed class EndpointRecord(string name, JsonObject resource) : ITrackedResource
{
    public string Name { get; } = name;
    public JsonObject Resource { get; set; } = resource;
    public string PrimaryKey { get; set; } = Secrets.NewKey();
    public string SecondaryKey { get; set; } = Secrets.NewKey();
    public Dictionary<string, DeploymentRecord> Deployments { get; } = new(StringComparer.OrdinalIgnoreCase);
    public OperationRecord? ActiveOperation { get; set; }

    /// <summary>AML tokens handed out by <c>/token</c>, with their expiry, which the scoring URI accepts.</summary>
    public Dictionary<string, DateTimeOffset> IssuedTokens { get; } = new(StringComparer.Ordinal);

    public JsonObject Properties => Resource["properties"]!.AsObject();

    public string AuthMode => Properties["authMode"]?.GetValue<string>() ?? "Key";
}
