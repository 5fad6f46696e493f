using System.Globalization;
using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>
/// An error as the service reports it: the body of the ARM error envelope or of a failed operation. The specific code of
/// a client error travels as the service sends it: in <see cref="Details"/> (<c>ModelNotFound</c>) or as the chain of an
/// <c>InnerError</c> entry of <c>additionalInfo</c> (<see cref="InnerCodes"/>: <c>NotFound</c>, <c>EndpointNotFound</c>),
/// under the top-level <c>UserError</c>.
/// </summary>
internal sealed record ServiceError(string Code, string Message, string? Target = null, IReadOnlyList<ServiceError>? Details = null, IReadOnlyList<string>? InnerCodes = null)
{
    /// <summary>The error object. With <paramref name="context"/>, <c>additionalInfo</c> carries what the service's front end adds to every error.</summary>
    public JsonObject ToJson(ErrorContext? context = null)
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
        var additionalInfo = new JsonArray();
        if (context is not null)
        {
            additionalInfo.Add(Info("ComponentName", "managementfrontend"));
            additionalInfo.Add(Info("Correlation", new JsonObject { ["operation"] = context.Operation, ["request"] = context.Request }));
            additionalInfo.Add(Info("Environment", context.Region));
            additionalInfo.Add(Info("Location", context.Region));
            additionalInfo.Add(Info("Time", context.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)));
        }
        if (InnerCodes is { Count: > 0 })
        {
            JsonObject? inner = null;
            for (int i = InnerCodes.Count - 1; i >= 0; i--)
            {
                inner = new JsonObject { ["code"] = InnerCodes[i], ["innerError"] = inner };
            }
            additionalInfo.Add(Info("InnerError", inner!));
        }
        error["additionalInfo"] = additionalInfo;
        return error;
    }

    /// <summary><c>{"error": {...}}</c>.</summary>
    public JsonObject ToEnvelope(ErrorContext? context = null) => new() { ["error"] = ToJson(context) };

    private static JsonObject Info(string type, JsonNode value) => new() { ["type"] = type, ["info"] = new JsonObject { ["value"] = value } };
}

/// <summary>What the service's front end adds to every error it returns: the region, the correlation ids and the time.</summary>
internal sealed record ErrorContext(string Region, string Operation, string Request, DateTimeOffset Time);
