using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Lro;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

/// <summary>Creates, reads and deletes batch deployments. Reached through <see cref="MLClient.BatchDeployments"/>.</summary>
public class BatchDeploymentOperations
{
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected BatchDeploymentOperations()
    {
    }

    internal BatchDeploymentOperations(MLClient client) => _client = client;

    private MLClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    private ArmRestClient Rest => Client.Rest;

    /// <summary>
    /// Creates or updates a batch deployment: validated first, then the endpoint must exist, the model is resolved (a
    /// <see cref="Model"/> without an id is registered, uploading a local folder), a compute name becomes its ARM id, and
    /// the deployment is sent. For an MLflow model no environment and no scoring script are sent.
    /// </summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the deployment is provisioned.</param>
    /// <param name="deployment">The deployment.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    /// <exception cref="ArgumentException">The deployment breaks a rule the client can check.</exception>
    /// <exception cref="RequestFailedException">The service refused the request or provisioning failed.</exception>
    public virtual async Task<CreateOrUpdateBatchDeploymentOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, BatchDeployment deployment, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "BatchDeploymentOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, deployment, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync"/>
    public virtual CreateOrUpdateBatchDeploymentOperation BeginCreateOrUpdate(WaitUntil waitUntil, BatchDeployment deployment, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "BatchDeploymentOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, deployment, false, cancellationToken)).EnsureCompleted();

    /// <summary>Gets a batch deployment.</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="endpointName">The batch endpoint.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<BatchDeployment>> GetAsync(string name, string endpointName, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "BatchDeploymentOperations.Get", () => GetCoreAsync(name, endpointName, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<BatchDeployment> Get(string name, string endpointName, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "BatchDeploymentOperations.Get", () => GetCoreAsync(name, endpointName, false, cancellationToken)).EnsureCompleted();

    /// <summary>Lists the deployments of a batch endpoint.</summary>
    /// <param name="endpointName">The batch endpoint.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<BatchDeployment> ListAsync(string endpointName, CancellationToken cancellationToken = default) => Pages(endpointName, cancellationToken).Async();

    /// <inheritdoc cref="ListAsync"/>
    public virtual Pageable<BatchDeployment> List(string endpointName, CancellationToken cancellationToken = default) => Pages(endpointName, cancellationToken).Sync();

    /// <summary>Deletes a batch deployment.</summary>
    /// <param name="waitUntil">Whether to wait for the deletion.</param>
    /// <param name="name">The deployment name.</param>
    /// <param name="endpointName">The batch endpoint.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<MLOperation> BeginDeleteAsync(WaitUntil waitUntil, string name, string endpointName, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "BatchDeploymentOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, endpointName, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginDeleteAsync"/>
    public virtual MLOperation BeginDelete(WaitUntil waitUntil, string name, string endpointName, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "BatchDeploymentOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, endpointName, false, cancellationToken)).EnsureCompleted();

    private async ValueTask<CreateOrUpdateBatchDeploymentOperation> CreateOrUpdateCoreAsync(WaitUntil waitUntil, BatchDeployment deployment, bool async, CancellationToken cancellationToken)
    {
        BatchRules.Validate(deployment);
        IReadOnlyList<Mlflow.PreflightFinding> findings = DeploymentDependencies.CheckModel(deployment, Rest);
        await Client.BatchEndpoints.GetCoreAsync(deployment.EndpointName, async, cancellationToken).ConfigureAwait(false);
        string modelId = await Client.Models.ResolveIdAsync(deployment.Model!, async, cancellationToken).ConfigureAwait(false);
        string computeId = ResourceIds.ComputeId(Rest.WorkspaceResourceId, deployment.Compute!);
        string location = deployment.Location ?? await Client.Workspaces.GetLocationAsync(async, cancellationToken).ConfigureAwait(false);

        Uri uri = Rest.WorkspaceUri(ResourceIds.BatchDeploymentPath(deployment.EndpointName, deployment.Name));
        BatchDeploymentData data = BatchMapper.ToWire(deployment, modelId, computeId, location);
        (data.Properties!.CodeConfiguration, data.Properties.EnvironmentId) = await DeploymentDependencies.ResolveAsync(Client, deployment, async, cancellationToken).ConfigureAwait(false);
        RequestContent body = ArmRestClient.Json(data, WireJsonContext.Default.BatchDeploymentData);
        var operation = new CreateOrUpdateBatchDeploymentOperation(await LroCore.BeginAsync(Rest, RequestMethod.Put, uri, body, async, cancellationToken, $"Creating or updating batch deployment '{deployment.Name}' on endpoint '{deployment.EndpointName}'").ConfigureAwait(false))
        {
            Warnings = findings,
        };
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Response<BatchDeployment>> GetCoreAsync(string name, string endpointName, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        Response<BatchDeploymentData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.BatchDeploymentPath(endpointName, name)), null,
            WireJsonContext.Default.BatchDeploymentData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BatchMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private ArmPageable<BatchDeployment> Pages(string endpointName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        return Rest.Pageable("BatchDeploymentOperations.List", Rest.WorkspaceUri(ResourceIds.BatchEndpointPath(endpointName) + "/deployments"),
            WireJsonContext.Default.ResourceListBatchDeploymentData, BatchMapper.FromWire, cancellationToken);
    }

    private async ValueTask<MLOperation> DeleteCoreAsync(WaitUntil waitUntil, string name, string endpointName, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateEndpointName(endpointName, nameof(endpointName));
        NameRules.ValidateDeploymentName(name, nameof(name));
        Uri uri = Rest.WorkspaceUri(ResourceIds.BatchDeploymentPath(endpointName, name));
        var operation = new MLOperation(await LroCore.BeginAsync(Rest, RequestMethod.Delete, uri, null, async, cancellationToken, $"Deleting batch deployment '{name}' of endpoint '{endpointName}'").ConfigureAwait(false));
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }
}
