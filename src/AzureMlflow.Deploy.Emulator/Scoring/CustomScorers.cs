using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>
/// Scorers that tests register for models the emulator cannot run (flavors other than ONNX), keyed by registered model
/// name. A scorer receives the request body and returns the response body; throwing makes the call fail with 500.
/// </summary>
public sealed class CustomScorers
{
    private readonly ConcurrentDictionary<string, Func<JsonObject, JsonNode>> _scorers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Scores requests to deployments of <paramref name="modelName"/> with <paramref name="scorer"/>.</summary>
    /// <param name="modelName">The registered model's name.</param>
    /// <param name="scorer">Maps the request body to the response body.</param>
    public void Register(string modelName, Func<JsonObject, JsonNode> scorer)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        ArgumentNullException.ThrowIfNull(scorer);
        _scorers[modelName] = scorer;
    }

    /// <summary>Removes every registered scorer.</summary>
    public void Clear() => _scorers.Clear();

    internal Func<JsonObject, JsonNode>? Find(string modelName) => _scorers.GetValueOrDefault(modelName);
}
