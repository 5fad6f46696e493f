using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// One kind of versioned asset (models, environments, codes, data): its path segment, the container and version
/// dictionaries, and how its 404s read (the service words each kind's differently).
/// </summary>
/// <param name="Path">The collection's path segment, such as <c>models</c>.</param>
/// <param name="Containers">The kind's containers in the workspace state.</param>
/// <param name="ContainerNotFound">The 404 for a missing container, by name.</param>
/// <param name="VersionNotFound">The 404 for a missing version, by name and version.</param>
internal sealed record AssetKind(
    string Path,
    Func<WorkspaceState, Dictionary<string, AssetContainerRecord>> Containers,
    Func<WorkspaceState, string, ServiceException> ContainerNotFound,
    Func<WorkspaceState, string, string, ServiceException> VersionNotFound)
{
    /// <summary>A kind whose 404s name it as most do: <c>{Label} container with name: {name} not found.</c>, code <paramref name="errorCode"/>.</summary>
    public static AssetKind Standard(string path, Func<WorkspaceState, Dictionary<string, AssetContainerRecord>> containers, string errorCode, string label) => new(
        path,
        containers,
        (_, name) => ServiceException.NotFound(errorCode, $"{label} container with name: {name} not found."),
        (state, name, version) => ServiceException.NotFound(errorCode, $"{label} {name}:{version} was not found in workspace '{state.Options.WorkspaceName}'."));

    public AssetContainerRecord FindContainer(WorkspaceState state, string name) =>
        Containers(state).TryGetValue(name, out AssetContainerRecord? container) ? container : throw ContainerNotFound(state, name);

    public AssetVersionRecord FindVersion(WorkspaceState state, string name, string version) =>
        (Containers(state).TryGetValue(name, out AssetContainerRecord? container) ? container.Versions.FirstOrDefault(v => v.Version == version) : null)
            ?? throw VersionNotFound(state, name, version);
}

/// <summary>
/// The routes every versioned asset kind shares: list, get, update and delete a container; get and delete a version;
/// list versions (except where a kind lists them its own way, as codes do by hash). Deletes are synchronous, as the
/// spec has them: 200 when something was deleted, 204 when there was nothing.
/// </summary>
internal static class AssetRoutes
{
    public static void Map(RouteGroupBuilder workspace, WorkspaceState state, AssetKind kind, bool listVersions = true)
    {
        string collection = "/" + kind.Path;
        workspace.MapGet(collection, (HttpRequest request) => state.Run(() =>
            Paging.Page(request, kind.Containers(state).Values.Where(c => AssetVersions.InView(request, c.Properties)).Select(c => c.Resource).ToList(), state.Options.PageSize)));

        workspace.MapGet(collection + "/{name}", (string name) => state.Run(() => ArmResult.Ok(kind.FindContainer(state, name).Resource)));

        workspace.MapPut(collection + "/{name}", async (HttpRequest request, string name) =>
        {
            System.Text.Json.Nodes.JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => AssetVersions.UpdateContainer(kind.Containers(state), name, body, () => AssetVersions.NewContainer(state, kind.Path, name)));
        });

        // A container goes with all its versions.
        workspace.MapDelete(collection + "/{name}", (string name) => state.Run(() =>
            new ArmResult(kind.Containers(state).Remove(name) ? 200 : 204)));

        if (listVersions)
        {
            workspace.MapGet(collection + "/{name}/versions", (HttpRequest request, string name) => state.Run(() =>
                AssetVersions.List(request, state, kind.FindContainer(state, name))));
        }

        workspace.MapGet(collection + "/{name}/versions/{version}", (string name, string version) => state.Run(() =>
            ArmResult.Ok(kind.FindVersion(state, name, version).Resource)));

        workspace.MapDelete(collection + "/{name}/versions/{version}", (string name, string version) => state.Run(() =>
            new ArmResult(kind.Containers(state).TryGetValue(name, out AssetContainerRecord? container) && AssetVersions.Remove(container, version) ? 200 : 204)));
    }
}
