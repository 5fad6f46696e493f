using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>An online deployment: its ARM resource and the log lines its containers have written.</summary>
internal sealed class DeploymentRecord(string name, JsonObject resource) : ITrackedResource
{
    public string Name { get; } = name;
    public JsonObject Resource { get; set; } = resource;
    public List<string> StorageInitializerLog { get; } = [];
    public List<string> InferenceServerLog { get; } = [];
    public OperationRecord? ActiveOperation { get; set; }

    /// <summary>Scoring requests being served right now (for the concurrency limit).</summary>
    public int InFlight;

    /// <summary>Live requests routed here, and mirrored copies received.</summary>
    public int LiveRequests;

    public int MirroredRequests;

    public JsonObject Properties => Resource["properties"]!.AsObject();
}
