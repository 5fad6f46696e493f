using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>Reads the workspace's datastores. Reached through <see cref="MLClient.Datastores"/>.</summary>
public class DatastoreOperations
{
    /// <summary>The datastore Azure ML creates in every workspace and uses for uploads by default.</summary>
    public const string DefaultDatastoreName = "workspaceblobstore";

    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected DatastoreOperations()
    {
    }

    internal DatastoreOperations(MLClient client) => _client = client;

    private ArmRestClient Rest => (_client ?? throw new InvalidOperationException("This instance was created for mocking.")).Rest;

    /// <summary>Gets a datastore by name.</summary>
    /// <param name="name">The datastore name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">The datastore does not exist (404) or the request failed.</exception>
    public virtual async Task<Response<Datastore>> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "DatastoreOperations.Get", () => GetCoreAsync(name, true, cancellationToken)).ConfigureAwait(false);

    /// <summary>Gets a datastore by name.</summary>
    /// <param name="name">The datastore name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">The datastore does not exist (404) or the request failed.</exception>
    public virtual Response<Datastore> Get(string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "DatastoreOperations.Get", () => GetCoreAsync(name, false, cancellationToken)).EnsureCompleted();

    /// <summary>
    /// Gets the workspace's default datastore (<c>workspaceblobstore</c> unless changed), asking the service for the one
    /// it marks default (<c>isDefault=true</c>), as Python's <c>get_default</c> does.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">The service names no default datastore.</exception>
    public virtual async Task<Response<Datastore>> GetDefaultAsync(CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "DatastoreOperations.GetDefault", () => GetDefaultCoreAsync(true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetDefaultAsync"/>
    public virtual Response<Datastore> GetDefault(CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "DatastoreOperations.GetDefault", () => GetDefaultCoreAsync(false, cancellationToken)).EnsureCompleted();

    private async ValueTask<Response<Datastore>> GetDefaultCoreAsync(bool async, CancellationToken cancellationToken)
    {
        Response<ResourceList<DatastoreData>> page = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri("/datastores", "isDefault=true"), null, WireJsonContext.Default.ResourceListDatastoreData, async, cancellationToken).ConfigureAwait(false);
        DatastoreData found = page.Value.Value?.FirstOrDefault() ?? throw new InvalidOperationException("The workspace has no default datastore.");
        return Response.FromValue(DatastoreMapper.FromWire(found), page.GetRawResponse());
    }

    /// <summary>Lists the workspace's datastores.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<Datastore> ListAsync(CancellationToken cancellationToken = default) => Pages(cancellationToken).Async();

    /// <summary>Lists the workspace's datastores.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual Pageable<Datastore> List(CancellationToken cancellationToken = default) => Pages(cancellationToken).Sync();

    internal async ValueTask<Response<Datastore>> GetCoreAsync(string name, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Response<DatastoreData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri("/datastores/" + Uri.EscapeDataString(name)), null, WireJsonContext.Default.DatastoreData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(DatastoreMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private ArmPageable<Datastore> Pages(CancellationToken cancellationToken) =>
        Rest.Pageable("DatastoreOperations.List", Rest.WorkspaceUri("/datastores"), WireJsonContext.Default.ResourceListDatastoreData, DatastoreMapper.FromWire, cancellationToken);
}
