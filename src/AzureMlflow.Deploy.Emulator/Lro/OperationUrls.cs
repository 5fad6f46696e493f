using System.Globalization;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Lro;

/// <summary>
/// The headers that announce a long-running operation, as Azure ML's control plane sends them: <c>Azure-AsyncOperation</c>
/// (the <c>mfeOperationsStatus</c> resource), <c>Location</c> (the resource itself for a PUT, <c>mfeOperationResults</c>
/// for a delete or an action), the operation timeout, and the configured <c>Retry-After</c>.
/// </summary>
internal static class OperationUrls
{
    public const string StatusSegment = "mfeOperationsStatus";
    public const string ResultSegment = "mfeOperationResults";

    public static string StatusPath(WorkspaceState state, string operationId) => OperationPath(state, StatusSegment, operationId);

    public static ArmResult Accepted(ArmResult result, HttpRequest request, WorkspaceState state, OperationRecord operation)
    {
        string apiVersion = request.Query["api-version"].ToString();
        string origin = $"{request.Scheme}://{request.Host}";
        result.WithHeader("Azure-AsyncOperation", $"{origin}{OperationPath(state, StatusSegment, operation.Id)}?api-version={apiVersion}");
        // A PUT's or PATCH's Location is the resource (its final state); an action's or a delete's, the operation result.
        result.WithHeader("Location", HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)
            ? $"{origin}{request.Path}?api-version={apiVersion}"
            : $"{origin}{OperationPath(state, ResultSegment, operation.Id)}?api-version={apiVersion}");
        result.WithHeader("x-ms-async-operation-timeout", "PT30M");
        return WithRetryAfter(result, state);
    }

    /// <summary>
    /// An answer (a copy) with <c>properties.properties.AzureAsyncOperationUri</c> naming the resource's latest operation,
    /// in the reading request's api-version, as the service writes it into endpoints and deployments.
    /// </summary>
    public static JsonObject WithOperationUri(JsonObject resource, ITrackedResource tracked, HttpRequest request, WorkspaceState state)
    {
        var answer = (JsonObject)resource.DeepClone();
        if (tracked.ActiveOperation is { } operation && answer["properties"] is JsonObject properties)
        {
            var bag = properties["properties"] as JsonObject ?? [];
            bag["AzureAsyncOperationUri"] = $"{request.Scheme}://{request.Host}{StatusPath(state, operation.Id)}?api-version={request.Query["api-version"]}";
            properties["properties"] = bag;
        }
        return answer;
    }

    public static ArmResult WithRetryAfter(ArmResult result, WorkspaceState state)
    {
        if (state.Options.RetryAfter is { } retryAfter)
        {
            result.WithHeader("Retry-After", ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
            result.WithHeader("retry-after-ms", ((long)retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }
        return result;
    }

    private static string OperationPath(WorkspaceState state, string segment, string operationId) =>
        $"/subscriptions/{state.Options.SubscriptionId}/providers/Microsoft.MachineLearningServices/locations/{state.Options.Location}/{segment}/{operationId}";
}
