using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>POST <c>.../deployments/{name}/getLogs</c>, shared by the operation group and failed deployment operations.</summary>
internal static class DeploymentLogs
{
    public static async ValueTask<Response<string>> GetAsync(ArmRestClient rest, Uri deploymentUri, int lines, ContainerType containerType, bool async, CancellationToken cancellationToken)
    {
        if (lines < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lines), lines, "Ask for at least one line of logs.");
        }
        // The resource URI carries the api-version query; getLogs sits under the resource path.
        var builder = new UriBuilder(deploymentUri);
        builder.Path = builder.Path.TrimEnd('/') + "/getLogs";
        // The inference server is the service's default container, which Python does not name either.
        var body = new DeploymentLogsRequestData { ContainerType = containerType == ContainerType.InferenceServer ? null : containerType.ToString(), Tail = lines };
        Response<DeploymentLogsData> response = await rest.SendAsync(
            RequestMethod.Post, builder.Uri, ArmRestClient.Json(body, WireJsonContext.Default.DeploymentLogsRequestData),
            WireJsonContext.Default.DeploymentLogsData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(response.Value.Content ?? string.Empty, response.GetRawResponse());
    }
}
