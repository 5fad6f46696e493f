using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>A model container (the model name) and its versions in creation order.</summary>
internal sealed class ModelContainerRecord(string name, JsonObject resource)
{
    public string Name { get; } = name;
    public JsonObject Resource { get; } = resource;
    public List<ModelVersionRecord> Versions { get; } = [];
    public JsonObject Properties => Resource["properties"]!.AsObject();
}

/// <summary>One registered model version.</summary>
internal sealed class ModelVersionRecord(string version, JsonObject resource, DateTimeOffset createdAt)
{
    public string Version { get; } = version;
    public JsonObject Resource { get; set; } = resource;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public JsonObject Properties => Resource["properties"]!.AsObject();
}
