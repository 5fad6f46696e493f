using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>An asset container (a model or environment name) and its versions in creation order.</summary>
internal sealed class AssetContainerRecord(string name, JsonObject resource)
{
    public string Name { get; } = name;
    public JsonObject Resource { get; } = resource;
    public List<AssetVersionRecord> Versions { get; } = [];
    public JsonObject Properties => Resource["properties"]!.AsObject();
}

/// <summary>One registered asset version (a model or environment version).</summary>
internal sealed class AssetVersionRecord(string version, JsonObject resource, DateTimeOffset createdAt)
{
    public string Version { get; } = version;
    public JsonObject Resource { get; set; } = resource;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public JsonObject Properties => Resource["properties"]!.AsObject();
}
