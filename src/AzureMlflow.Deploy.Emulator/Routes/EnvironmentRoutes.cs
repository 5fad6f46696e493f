using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// <c>environments</c> (containers) and <c>environments/{name}/versions</c>: a Docker image and an optional conda file,
/// immutable once registered except for their archive state and tags; containers keep <c>latestVersion</c>.
/// </summary>
internal static class EnvironmentRoutes
{
    public static void Map(RouteGroupBuilder workspace, WorkspaceState state)
    {
        AssetRoutes.Map(workspace, state, Kind);

        workspace.MapPut("/environments/{name}/versions/{version}", async (HttpRequest request, string name, string version) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => CreateOrUpdateVersion(request, state, name, version, body));
        });
    }

    public static readonly AssetKind Kind = AssetKind.Standard("environments", state => state.Environments, "EnvironmentNotFound", "Environment");

    private static ArmResult CreateOrUpdateVersion(HttpRequest request, WorkspaceState state, string name, string version, JsonObject body)
    {
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string? image = JsonBody.String(properties, "image");
        bool hasBuild = properties["build"] is JsonObject;
        if (string.IsNullOrWhiteSpace(image) == !hasBuild)
        {
            throw ServiceException.BadRequest("An environment needs exactly one of 'image' and 'build'.", "properties.image");
        }
        AssetContainerRecord container = state.Environments.TryGetValue(name, out AssetContainerRecord? found) ? found : AssetVersions.NewContainer(state, "environments", name);
        AssetVersionRecord? existing = container.Versions.FirstOrDefault(v => v.Version == version);
        if (existing is not null && (!string.Equals(JsonBody.String(existing.Properties, "image"), image, StringComparison.Ordinal)
            || !string.Equals(JsonBody.String(existing.Properties, "condaFile"), JsonBody.String(properties, "condaFile") is { Length: > 0 } sent ? CondaJson.FromYaml(sent) : null, StringComparison.Ordinal)))
        {
            // The service's words (a recorded answer to re-registering a changed version).
            throw ServiceException.BadRequest($"Environment {name} with version {version} is already registered and cannot be changed.", "properties");
        }

        JsonObject resource = Resources.New(state, $"/environments/{name}/versions/{version}", version, "environments/versions", existing?.Resource);
        var stored = (JsonObject)properties.DeepClone();
        stored["environmentType"] = "UserCreated";
        stored["osType"] ??= "Linux";
        stored["isArchived"] ??= false;
        stored["isAnonymous"] ??= false;
        stored["autoRebuild"] ??= "Disabled";
        bool anonymous = stored["isAnonymous"]?.GetValue<bool>() ?? false;
        stored["properties"] ??= new JsonObject();
        // As recorded: a named version is labelled latest and in the Development stage; an anonymous one is Logged, unlabelled.
        stored["properties"]!["azureml.labels"] = anonymous ? "" : "latest";
        stored["stage"] = anonymous ? "Logged" : "Development";
        stored.TryAdd("autoDeleteSetting", null);
        stored.TryAdd("intellectualProperty", null);
        stored["tags"] ??= new JsonObject();
        stored["provisioningState"] = "Succeeded";
        stored.TryAdd("description", null);
        // The service keeps the conda file as pretty-printed JSON, whatever YAML was sent (recorded).
        stored["condaFile"] = JsonBody.String(properties, "condaFile") is { Length: > 0 } conda ? CondaJson.FromYaml(conda) : null;
        resource["properties"] = stored;

        if (existing is null && !anonymous)
        {
            foreach (AssetVersionRecord older in container.Versions)
            {
                older.Properties["properties"]!["azureml.labels"] = "";
            }
        }
        AssetVersions.Store(state, state.Environments, container, version, resource, existing);
        // 201 also for an identical re-registration, with the resource as Location and the image build's id, as recorded.
        return new ArmResult(201, resource.DeepClone())
            .WithHeader("Location", $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}")
            .WithHeader("Build-ID", $"imgbldrun_{Guid.NewGuid():N}"[..17]);
    }
}
