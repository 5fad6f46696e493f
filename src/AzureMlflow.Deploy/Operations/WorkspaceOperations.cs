using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

/// <summary>Reads workspaces. Reached through <see cref="MLClient.Workspaces"/>.</summary>
public class WorkspaceOperations
{
    private readonly MLClient? _client;
    private string? _location;

    /// <summary>For mocking.</summary>
    protected WorkspaceOperations()
    {
    }

    internal WorkspaceOperations(MLClient client) => _client = client;

    private ArmRestClient Rest => (_client ?? throw new InvalidOperationException("This instance was created for mocking.")).Rest;

    /// <summary>Reads a workspace of the client's resource group (the client's own by default).</summary>
    /// <param name="workspaceName">The workspace name; null for the client's workspace.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<Workspace>> GetAsync(string? workspaceName = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "WorkspaceOperations.Get", () => GetCoreAsync(workspaceName, true, cancellationToken)).ConfigureAwait(false);

    /// <summary>Reads a workspace of the client's resource group (the client's own by default).</summary>
    /// <param name="workspaceName">The workspace name; null for the client's workspace.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual Response<Workspace> Get(string? workspaceName = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "WorkspaceOperations.Get", () => GetCoreAsync(workspaceName, false, cancellationToken)).EnsureCompleted();

    /// <summary>The client workspace's region, read once and cached: every create sends it as the resource location.</summary>
    internal async ValueTask<string> GetLocationAsync(bool async, CancellationToken cancellationToken)
    {
        if (_location is null)
        {
            Response<Workspace> workspace = await GetCoreAsync(null, async, cancellationToken).ConfigureAwait(false);
            _location = workspace.Value.Location;
        }
        return _location;
    }

    private async ValueTask<Response<Workspace>> GetCoreAsync(string? workspaceName, bool async, CancellationToken cancellationToken)
    {
        ArmRestClient rest = Rest;
        string id = ResourceIds.Workspace(rest.SubscriptionId, rest.ResourceGroupName, workspaceName ?? rest.WorkspaceName);
        Response<WorkspaceData> response = await rest.SendAsync(RequestMethod.Get, rest.ArmUri(id), null, WireJsonContext.Default.WorkspaceData, async, cancellationToken).ConfigureAwait(false);
        Workspace workspace = WorkspaceMapper.FromWire(response.Value, workspaceName ?? rest.WorkspaceName);
        if (workspaceName is null && !string.IsNullOrEmpty(workspace.Location))
        {
            _location = workspace.Location;
        }
        return Response.FromValue(workspace, response.GetRawResponse());
    }
}
