using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>A compute of the workspace (a cluster or an attached Kubernetes compute), as the service returns it.</summary>
internal sealed class ComputeRecord(string name, JsonObject resource) : ITrackedResource
{
    public string Name { get; } = name;
    public JsonObject Resource { get; set; } = resource;
    public OperationRecord? ActiveOperation { get; set; }

    public JsonObject Properties => Resource["properties"]!.AsObject();

    public string ComputeType => Properties["computeType"]?.GetValue<string>() ?? string.Empty;
}
