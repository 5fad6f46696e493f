namespace AzureMlflow.Deploy;

/// <summary>
/// Error codes of Azure Machine Learning that callers branch on, as <see cref="Azure.RequestFailedException.ErrorCode"/>
/// reports them. The service's envelope puts a generic code at the top (<see cref="UserError"/> for every 404 and 400)
/// and the specific one inside it; this client reports the specific one, and keeps the whole chain in the exception's
/// <c>Data["ErrorCodes"]</c> and message (<c>UserError &gt; NotFound &gt; EndpointNotFound</c>):
/// <code>catch (RequestFailedException e) when (e.ErrorCode == MLErrorCodes.EndpointNotFound) { ... }</code>
/// </summary>
public static class MLErrorCodes
{
    /// <summary>The top-level code of client errors; reported alone when the service gives nothing more specific.</summary>
    public const string UserError = "UserError";

    /// <summary>The online or batch endpoint does not exist (HTTP 404).</summary>
    public const string EndpointNotFound = "EndpointNotFound";

    /// <summary>The deployment does not exist in the endpoint (HTTP 404).</summary>
    public const string DeploymentNotFound = "DeploymentNotFound";

    /// <summary>No model container has that name (HTTP 404, e.g. listing the versions of an unknown model).</summary>
    public const string ModelNotFound = "ModelNotFound";

    /// <summary>The model container exists but not that version (HTTP 404).</summary>
    public const string NoSuchModelRegistered = "NoSuchModelRegistered";

    /// <summary>A deployment failed to provision because its container did not become ready (crashed, failed its probes).</summary>
    public const string ResourceNotReady = "ResourceNotReady";
}
