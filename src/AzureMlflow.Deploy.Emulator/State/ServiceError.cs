using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>An error as the service reports it: the body of the ARM error envelope or of a failed operation.</summary>
internal sealed record ServiceError(string Code, string Message, string? Target = null, IReadOnlyList<ServiceError>? Details = null)
{
    public JsonObject ToJson()
    {
        var error = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (Target is not null)
        {
            error["target"] = Target;
        }
        var details = new JsonArray();
        foreach (ServiceError detail in Details ?? [])
        {
            details.Add(detail.ToJson());
        }
        error["details"] = details;
        error["additionalInfo"] = new JsonArray();
        return error;
    }

    /// <summary><c>{"error": {...}}</c>.</summary>
    public JsonObject ToEnvelope() => new() { ["error"] = ToJson() };
}
