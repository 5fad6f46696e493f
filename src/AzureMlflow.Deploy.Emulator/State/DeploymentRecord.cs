using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>An online deployment: its ARM resource and the log lines its containers have written.</summary>
internal sealed class DeploymentRecord(string name, JsonObject resource)
{
    public string Name { get; } = name;
    public JsonObject Resource { get; set; } = resource;
    public List<string> StorageInitializerLog { get; } = [];
    public List<string> InferenceServerLog { get; } = [];
    public OperationRecord? ActiveOperation { get; set; }

    public JsonObject Properties => Resource["properties"]!.AsObject();
}
