using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>A scoring failure answered with a status and a body shaped like the service's.</summary>
internal sealed class ScoringError(int statusCode, string message, string? errorCode = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>MLflow's scoring server uses <c>{"error_code", "message"}</c> for bad input; the gateway uses <c>{"message"}</c>.</summary>
    public JsonObject Body => errorCode is null
        ? new JsonObject { ["message"] = Message }
        : new JsonObject { ["error_code"] = errorCode, ["message"] = Message };

    public static ScoringError BadInput(string message) => new(400, message, "BAD_REQUEST");
}
