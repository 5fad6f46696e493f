using System.Globalization;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Studio;

/// <summary>
/// The emulator's studio page at <c>/studio</c>: static files shipped inside the emulator (no CDN, no framework) that
/// read and change the workspace through the emulator's own ARM and scoring routes, with the same bearer-token check as
/// any client. Besides the files, only what has no ARM route is served here: the workspace's id (so the page knows which
/// ARM paths to call), the request log, and datastore files (<see cref="StudioFileRoutes"/>); the last two need a token.
/// </summary>
internal static class StudioRoutes
{
    public const string Path = "/studio";

    /// <summary>The request log: method, path, status and time, never headers or bodies (they carry keys).</summary>
    public const string RequestsPath = Path + "/requests";

    private const string ResourcePrefix = "AzureMlflow.Deploy.Emulator.Studio.Page.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>How many of the latest requests the page shows.</summary>
    private const int ShownRequests = 200;

    /// <summary>Whether a request to this path needs the bearer token the ARM gate checks.</summary>
    public static bool NeedsToken(PathString path) =>
        path.StartsWithSegments(RequestsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(StudioFileRoutes.Path, StringComparison.OrdinalIgnoreCase);

    public static void Map(IEndpointRouteBuilder app, WorkspaceState state, string workspaceResourceId, RequestLog requests, StudioFileRoutes files)
    {
        app.MapGet(Path, () => File("studio.html"));
        app.MapGet(Path + "/{file}", (string file) => file != "studio.html" ? File(file) : Results.NotFound());
        app.MapGet(Path + "/workspace", () => Results.Json(new JsonObject
        {
            ["workspaceResourceId"] = workspaceResourceId,
            ["workspaceName"] = state.Options.WorkspaceName,
        }));
        app.MapGet(RequestsPath, () =>
        {
            var shown = new JsonArray();
            foreach (RecordedRequest recorded in requests.Snapshot().Where(r => !r.Path.StartsWith(Path, StringComparison.OrdinalIgnoreCase)).TakeLast(ShownRequests).Reverse())
            {
                shown.Add(new JsonObject
                {
                    ["time"] = recorded.ReceivedAt.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                    ["method"] = recorded.Method,
                    ["path"] = recorded.Path,
                    ["status"] = recorded.StatusCode,
                });
            }
            return Results.Json(new JsonObject { ["value"] = shown });
        });
        files.Map(app);
    }

    private static IResult File(string name)
    {
        Stream? content = ContentTypes.TryGetValue(System.IO.Path.GetExtension(name), out string? type)
            ? typeof(StudioRoutes).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            : null;
        return content is null ? Results.NotFound() : Results.Stream(content, type);
    }
}
