using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>Serializes wire types exactly as the client sends them and parses them back as neutral JSON nodes for assertions.</summary>
internal static class Json
{
    public static JsonObject Sent<T>(T value, JsonTypeInfo<T> typeInfo) =>
        JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo))!.AsObject();

    public static T Received<T>(string json, JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(json, typeInfo)!;

    public static WireJsonContext Context => WireJsonContext.Default;
}
