using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>The envelope fields every ARM resource carries: <c>id</c>, <c>name</c>, <c>type</c>, <c>systemData</c>.</summary>
internal static class Resources
{
    public const string Provider = "Microsoft.MachineLearningServices/workspaces";

    public static JsonObject New(WorkspaceState state, string relativeId, string name, string type, JsonObject? previous)
    {
        string now = state.Now.ToString("O");
        JsonObject? previousSystemData = previous?["systemData"] as JsonObject;
        return new JsonObject
        {
            ["id"] = state.WorkspaceResourceId + relativeId,
            ["name"] = name,
            ["type"] = $"{Provider}/{type}",
            ["systemData"] = new JsonObject
            {
                ["createdAt"] = previousSystemData?["createdAt"]?.DeepClone() ?? now,
                ["createdBy"] = "emulator-user",
                ["createdByType"] = "User",
                ["lastModifiedAt"] = now,
                ["lastModifiedBy"] = "emulator-user",
                ["lastModifiedByType"] = "User",
            },
        };
    }

    /// <summary>Copies <paramref name="name"/> from the request body when present (deep clone, the body is not kept).</summary>
    public static void CopyIfPresent(JsonObject from, JsonObject to, string name)
    {
        if (from[name] is { } value)
        {
            to[name] = value.DeepClone();
        }
    }

    public static string Location(JsonObject body)
    {
        string? location = JsonBody.String(body, "location");
        return string.IsNullOrWhiteSpace(location)
            ? throw new ServiceException(400, new ServiceError("LocationRequired", "The location property is required for this definition."))
            : location;
    }
}
