using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Lro;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

/// <summary>Creates, reads and deletes batch endpoints and invokes them. Reached through <see cref="MLClient.BatchEndpoints"/>.</summary>
public partial class BatchEndpointOperations
{
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected BatchEndpointOperations()
    {
    }

    internal BatchEndpointOperations(MLClient client) => _client = client;

    private MLClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    private ArmRestClient Rest => Client.Rest;

    /// <summary>Creates a batch endpoint or replaces its settings (including the default deployment).</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the endpoint is provisioned.</param>
    /// <param name="endpoint">The endpoint; validated before any request.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    /// <exception cref="ArgumentException">The endpoint breaks a rule the client can check.</exception>
    /// <exception cref="RequestFailedException">The service refused the request or provisioning failed.</exception>
    public virtual async Task<CreateOrUpdateBatchEndpointOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, BatchEndpoint endpoint, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, endpoint, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync"/>
    public virtual CreateOrUpdateBatchEndpointOperation BeginCreateOrUpdate(WaitUntil waitUntil, BatchEndpoint endpoint, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, endpoint, false, cancellationToken)).EnsureCompleted();

    /// <summary>Makes <paramref name="deploymentName"/> the deployment that runs invocations naming none (a PUT of the whole endpoint).</summary>
    /// <param name="waitUntil">Whether to wait for the update.</param>
    /// <param name="endpointName">The endpoint.</param>
    /// <param name="deploymentName">An existing deployment of the endpoint.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<CreateOrUpdateBatchEndpointOperation> BeginUpdateDefaultDeploymentAsync(WaitUntil waitUntil, string endpointName, string deploymentName, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.BeginUpdateDefaultDeployment", () => UpdateDefaultDeploymentCoreAsync(waitUntil, endpointName, deploymentName, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginUpdateDefaultDeploymentAsync"/>
    public virtual CreateOrUpdateBatchEndpointOperation BeginUpdateDefaultDeployment(WaitUntil waitUntil, string endpointName, string deploymentName, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.BeginUpdateDefaultDeployment", () => UpdateDefaultDeploymentCoreAsync(waitUntil, endpointName, deploymentName, false, cancellationToken)).EnsureCompleted();

    private async ValueTask<CreateOrUpdateBatchEndpointOperation> UpdateDefaultDeploymentCoreAsync(WaitUntil waitUntil, string endpointName, string deploymentName, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateDeploymentName(deploymentName, nameof(deploymentName));
        BatchEndpoint endpoint = (await GetCoreAsync(endpointName, async, cancellationToken).ConfigureAwait(false)).Value;
        endpoint.DefaultDeploymentName = deploymentName;
        return await CreateOrUpdateCoreAsync(waitUntil, endpoint, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a batch endpoint.</summary>
    /// <param name="name">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">404 when it does not exist.</exception>
    public virtual async Task<Response<BatchEndpoint>> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.Get", () => GetCoreAsync(name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<BatchEndpoint> Get(string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.Get", () => GetCoreAsync(name, false, cancellationToken)).EnsureCompleted();

    /// <summary>Lists the workspace's batch endpoints.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<BatchEndpoint> ListAsync(CancellationToken cancellationToken = default) => Pages(cancellationToken).Async();

    /// <inheritdoc cref="ListAsync"/>
    public virtual Pageable<BatchEndpoint> List(CancellationToken cancellationToken = default) => Pages(cancellationToken).Sync();

    /// <summary>Deletes a batch endpoint and its deployments.</summary>
    /// <param name="waitUntil">Whether to wait for the deletion.</param>
    /// <param name="name">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<MLOperation> BeginDeleteAsync(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginDeleteAsync"/>
    public virtual MLOperation BeginDelete(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "BatchEndpointOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, false, cancellationToken)).EnsureCompleted();

    internal async ValueTask<Response<BatchEndpoint>> GetCoreAsync(string name, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateEndpointName(name, nameof(name));
        Response<BatchEndpointData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.BatchEndpointPath(name)), null, WireJsonContext.Default.BatchEndpointData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BatchMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private async ValueTask<CreateOrUpdateBatchEndpointOperation> CreateOrUpdateCoreAsync(WaitUntil waitUntil, BatchEndpoint endpoint, bool async, CancellationToken cancellationToken)
    {
        BatchRules.Validate(endpoint);
        string location = endpoint.Location ?? await Client.Workspaces.GetLocationAsync(async, cancellationToken).ConfigureAwait(false);
        Uri uri = Rest.WorkspaceUri(ResourceIds.BatchEndpointPath(endpoint.Name));
        RequestContent body = ArmRestClient.Json(BatchMapper.ToWire(endpoint, location), WireJsonContext.Default.BatchEndpointData);
        var operation = new CreateOrUpdateBatchEndpointOperation(await LroCore.BeginAsync(Rest, RequestMethod.Put, uri, body, async, cancellationToken, $"Creating or updating batch endpoint '{endpoint.Name}'").ConfigureAwait(false));
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<MLOperation> DeleteCoreAsync(WaitUntil waitUntil, string name, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateEndpointName(name, nameof(name));
        Uri uri = Rest.WorkspaceUri(ResourceIds.BatchEndpointPath(name));
        var operation = new MLOperation(await LroCore.BeginAsync(Rest, RequestMethod.Delete, uri, null, async, cancellationToken, $"Deleting batch endpoint '{name}'").ConfigureAwait(false));
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private ArmPageable<BatchEndpoint> Pages(CancellationToken cancellationToken) =>
        Rest.Pageable("BatchEndpointOperations.List", Rest.WorkspaceUri("/batchEndpoints"), WireJsonContext.Default.ResourceListBatchEndpointData, BatchMapper.FromWire, cancellationToken);
}
