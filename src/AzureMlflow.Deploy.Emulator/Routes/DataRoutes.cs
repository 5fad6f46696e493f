using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// Data assets (<c>data/{name}</c> containers and <c>data/{name}/versions/{version}</c>): enough of the service for batch
/// jobs to take <c>azureml:name:version</c> and <c>azureml:name@latest</c> inputs. Versions are immutable, as for models.
/// </summary>
internal static class DataRoutes
{
    private static readonly string[] DataTypes = ["uri_file", "uri_folder", "mltable"];

    public static void Map(RouteGroupBuilder workspace, WorkspaceState state)
    {
        workspace.MapGet("/data/{name}", (string name) => state.Run(() => ArmResult.Ok(Container(state, name))));

        workspace.MapGet("/data/{name}/versions/{version}", (string name, string version) => state.Run(() => ArmResult.Ok(FindVersion(state, name, version))));

        workspace.MapPut("/data/{name}/versions/{version}", async (HttpRequest request, string name, string version) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => CreateVersion(state, name, version, body));
        });
    }

    /// <summary>The <c>dataUri</c> of the data asset version an ARM id names (a batch job input).</summary>
    public static string DataUri(WorkspaceState state, string dataId)
    {
        string[] parts = dataId.TrimEnd('/').Split('/');
        int data = Array.FindLastIndex(parts, p => p.Equals("data", StringComparison.OrdinalIgnoreCase));
        if (data < 0 || data + 3 >= parts.Length || !parts[data + 2].Equals("versions", StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"'{dataId}' is not a data asset version id.");
        }
        return JsonBody.String(FindVersion(state, Uri.UnescapeDataString(parts[data + 1]), Uri.UnescapeDataString(parts[data + 3]))["properties"] as JsonObject, "dataUri")!;
    }

    private static JsonObject FindVersion(WorkspaceState state, string name, string version) =>
        state.DataAssets.TryGetValue(name, out Dictionary<string, JsonObject>? versions) && versions.TryGetValue(version, out JsonObject? found)
            ? found
            : throw ServiceException.NotFound("DataVersionNotFound", $"Data asset version {name}:{version} not found.");

    private static JsonObject Container(WorkspaceState state, string name)
    {
        if (!state.DataAssets.TryGetValue(name, out Dictionary<string, JsonObject>? versions))
        {
            throw ServiceException.NotFound("DataContainerNotFound", $"Data container with name: {name} not found.");
        }
        JsonObject container = Resources.New(state, $"/data/{name}", name, "data", null);
        string latest = versions.Keys.OrderBy(v => int.TryParse(v, out int n) ? n : int.MaxValue).ThenBy(v => v, StringComparer.Ordinal).Last();
        container["properties"] = new JsonObject
        {
            ["dataType"] = versions[latest]["properties"]!["dataType"]!.DeepClone(),
            ["latestVersion"] = latest,
            ["nextVersion"] = (versions.Keys.Select(v => int.TryParse(v, out int n) ? n : 0).Max() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["isArchived"] = false,
        };
        return container;
    }

    private static ArmResult CreateVersion(WorkspaceState state, string name, string version, JsonObject body)
    {
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string dataUri = JsonBody.String(properties, "dataUri") ?? throw ServiceException.BadRequest("'properties.dataUri' is required.", "properties.dataUri");
        string dataType = JsonBody.String(properties, "dataType") ?? throw ServiceException.BadRequest("'properties.dataType' is required.", "properties.dataType");
        if (!DataTypes.Contains(dataType, StringComparer.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"'properties.dataType' must be one of {string.Join(", ", DataTypes)}.", "properties.dataType");
        }
        Dictionary<string, JsonObject> versions = state.DataAssets.TryGetValue(name, out Dictionary<string, JsonObject>? found) ? found : state.DataAssets[name] = [];
        if (versions.TryGetValue(version, out JsonObject? existing))
        {
            return JsonBody.String(existing["properties"] as JsonObject, "dataUri") == dataUri
                ? ArmResult.Ok(existing.DeepClone())
                : throw ServiceException.BadRequest("Asset paths cannot be updated.", "properties.dataUri");
        }
        JsonObject resource = Resources.New(state, $"/data/{name}/versions/{version}", version, "data/versions", null);
        resource["properties"] = new JsonObject { ["dataUri"] = dataUri, ["dataType"] = dataType, ["isArchived"] = false, ["tags"] = new JsonObject() };
        versions[version] = resource;
        return new ArmResult(201, resource.DeepClone());
    }
}
