using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;

namespace AzureMlflow.Deploy.Emulator.DataPlane;

/// <summary>
/// The workspace's discovery document (<c>properties.discoveryUrl</c>): where the region's data-plane services live. The
/// service names hosts such as <c>https://eastus.api.azureml.ms</c>; the emulator names itself for every one of them, so
/// a client that looks a service up (azure-ai-ml's run history, MFE data plane and dataset clients) reaches the emulator.
/// Anonymous, as the service's is.
/// </summary>
internal static class DiscoveryRoutes
{
    public const string Path = "/discovery";

    private static readonly string[] Services =
        ["api", "catalog", "experimentation", "gallery", "history", "hyperdrive", "labeling", "modelmanagement", "pipelines", "studiocoreservices"];

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Path, (HttpRequest request) =>
    {
        string origin = $"{request.Scheme}://{request.Host}";
        var document = new JsonObject();
        foreach (string service in Services)
        {
            document[service] = origin;
        }
        return ArmResult.Ok(document);
    });
}
