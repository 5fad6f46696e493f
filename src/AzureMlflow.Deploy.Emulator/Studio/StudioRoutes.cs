using System.Globalization;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Diagnostics;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Studio;

/// <summary>
/// The emulator's studio page at <c>/studio</c>: static files shipped inside the emulator (no CDN, no framework) that
/// read the workspace through the emulator's own ARM routes, with the same bearer-token check as any client. Besides the
/// files, only the workspace's id (so the page knows which ARM paths to call) and the request log (which has no ARM
/// route) are served here; the log shows method, path, status and time, never headers or bodies, which carry keys.
/// </summary>
internal static class StudioRoutes
{
    public const string Path = "/studio";

    /// <summary>The request log; the ARM gate checks its bearer token as it checks ARM requests.</summary>
    public const string RequestsPath = Path + "/requests";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["studio.html"] = "text/html; charset=utf-8",
        ["studio.js"] = "text/javascript; charset=utf-8",
        ["studio.css"] = "text/css; charset=utf-8",
    };

    /// <summary>How many of the latest requests the page shows.</summary>
    private const int ShownRequests = 200;

    public static void Map(IEndpointRouteBuilder app, WorkspaceState state, string workspaceResourceId, RequestLog requests)
    {
        app.MapGet(Path, () => File("studio.html"));
        app.MapGet(Path + "/{file}", (string file) => ContentTypes.ContainsKey(file) && file != "studio.html" ? File(file) : Results.NotFound());
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
    }

    private static IResult File(string name)
    {
        Stream? content = typeof(StudioRoutes).Assembly.GetManifestResourceStream($"AzureMlflow.Deploy.Emulator.Studio.{name}");
        return content is null ? Results.NotFound() : Results.Stream(content, ContentTypes[name]);
    }
}
