using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// Data assets (<c>data/{name}</c> containers and <c>data/{name}/versions/{version}</c>), as every versioned asset, so
/// batch jobs can take <c>azureml:name:version</c> and <c>azureml:name@latest</c> inputs. Versions are immutable, as
/// for models; a container takes the data type of its first version.
/// </summary>
internal static class DataRoutes
{
    private static readonly string[] DataTypes = ["uri_file", "uri_folder", "mltable"];

    public static readonly AssetKind Kind = new(
        "data",
        state => state.DataAssets,
        (_, name) => ServiceException.NotFound("DataContainerNotFound", $"Data container with name: {name} not found."),
        (_, name, version) => ServiceException.NotFound("DataVersionNotFound", $"Data asset version {name}:{version} not found."));

    public static void Map(RouteGroupBuilder workspace, WorkspaceState state)
    {
        AssetRoutes.Map(workspace, state, Kind);

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
        return JsonBody.String(Kind.FindVersion(state, Uri.UnescapeDataString(parts[data + 1]), Uri.UnescapeDataString(parts[data + 3])).Properties, "dataUri")!;
    }

    private static ArmResult CreateVersion(WorkspaceState state, string name, string version, JsonObject body)
    {
        Rules.AssetName("data", name);
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string dataUri = JsonBody.String(properties, "dataUri") ?? throw ServiceException.BadRequest("'properties.dataUri' is required.", "properties.dataUri");
        string dataType = JsonBody.String(properties, "dataType") ?? throw ServiceException.BadRequest("'properties.dataType' is required.", "properties.dataType");
        if (!DataTypes.Contains(dataType, StringComparer.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"'properties.dataType' must be one of {string.Join(", ", DataTypes)}.", "properties.dataType");
        }
        AssetContainerRecord container = state.DataAssets.TryGetValue(name, out AssetContainerRecord? found) ? found : AssetVersions.NewContainer(state, "data", name);
        container.Properties["dataType"] ??= dataType;
        AssetVersionRecord? existing = container.Versions.FirstOrDefault(v => v.Version == version);
        if (existing is not null && JsonBody.String(existing.Properties, "dataUri") != dataUri)
        {
            throw ServiceException.BadRequest("Asset paths cannot be updated.", "properties.dataUri");
        }
        JsonObject resource = Resources.New(state, $"/data/{name}/versions/{version}", version, "data/versions", existing?.Resource);
        var stored = (JsonObject)properties.DeepClone();
        stored["dataType"] = dataType;
        stored["isArchived"] ??= false;
        stored["isAnonymous"] ??= false;
        stored["tags"] ??= new JsonObject();
        stored["properties"] ??= new JsonObject();
        stored.TryAdd("description", null);
        stored["provisioningState"] = "Succeeded";
        resource["properties"] = stored;
        AssetVersions.Store(state, state.DataAssets, container, version, resource, existing);
        return existing is null ? new ArmResult(201, resource.DeepClone()) : ArmResult.Ok(resource.DeepClone());
    }
}
