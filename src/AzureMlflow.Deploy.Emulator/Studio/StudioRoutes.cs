using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Studio;

/// <summary>
/// The emulator's studio page at <c>/studio</c>: static files shipped inside the emulator (no CDN, no framework) that
/// read the workspace through the emulator's own ARM routes, with the same bearer-token check as any client. Only the
/// workspace's id is served here, so the page knows which ARM paths to call.
/// </summary>
internal static class StudioRoutes
{
    public const string Path = "/studio";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["studio.html"] = "text/html; charset=utf-8",
        ["studio.js"] = "text/javascript; charset=utf-8",
        ["studio.css"] = "text/css; charset=utf-8",
    };

    public static void Map(IEndpointRouteBuilder app, WorkspaceState state, string workspaceResourceId)
    {
        app.MapGet(Path, () => File("studio.html"));
        app.MapGet(Path + "/{file}", (string file) => ContentTypes.ContainsKey(file) && file != "studio.html" ? File(file) : Results.NotFound());
        app.MapGet(Path + "/workspace", () => Results.Json(new JsonObject
        {
            ["workspaceResourceId"] = workspaceResourceId,
            ["workspaceName"] = state.Options.WorkspaceName,
        }));
    }

    private static IResult File(string name)
    {
        Stream? content = typeof(StudioRoutes).Assembly.GetManifestResourceStream($"AzureMlflow.Deploy.Emulator.Studio.{name}");
        return content is null ? Results.NotFound() : Results.Stream(content, ContentTypes[name]);
    }
}
