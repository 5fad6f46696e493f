using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Lro;
using AzureMlflow.Deploy.Uris;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>
/// Creates, reads and deletes the workspace's compute clusters and reads attached Kubernetes computes. Reached through
/// <see cref="MLClient.Computes"/>; the counterpart of Python's <c>ml_client.compute</c>.
/// </summary>
public class ComputeOperations
{
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected ComputeOperations()
    {
    }

    internal ComputeOperations(MLClient client) => _client = client;

    private MLClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    private ArmRestClient Rest => Client.Rest;

    /// <summary>
    /// Creates a compute cluster or changes its settings (size, node counts, idle time), as Python's
    /// <c>begin_create_or_update</c> and <c>begin_update</c> do: a PUT of the whole compute.
    /// </summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the cluster is provisioned.</param>
    /// <param name="compute">The cluster; validated before any request.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    /// <exception cref="ArgumentException">The cluster breaks a rule the client can check.</exception>
    /// <exception cref="RequestFailedException">The service refused the request or provisioning failed.</exception>
    public virtual async Task<CreateOrUpdateComputeOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, AmlCompute compute, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ComputeOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, compute, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync"/>
    public virtual CreateOrUpdateComputeOperation BeginCreateOrUpdate(WaitUntil waitUntil, AmlCompute compute, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ComputeOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, compute, false, cancellationToken)).EnsureCompleted();

    /// <summary>Gets a compute: an <see cref="AmlCompute"/>, a <see cref="KubernetesCompute"/>, or a plain <see cref="Compute"/> of another type.</summary>
    /// <param name="name">The compute name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">404 when it does not exist.</exception>
    public virtual async Task<Response<Compute>> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ComputeOperations.Get", () => GetCoreAsync(name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<Compute> Get(string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ComputeOperations.Get", () => GetCoreAsync(name, false, cancellationToken)).EnsureCompleted();

    /// <summary>Lists the workspace's computes, or only those of one type (<c>AmlCompute</c>, <c>Kubernetes</c>; filtered here, as Python does).</summary>
    /// <param name="computeType">The compute type to keep, or null for all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<Compute> ListAsync(string? computeType = null, CancellationToken cancellationToken = default) => Pages(computeType, cancellationToken).Async();

    /// <inheritdoc cref="ListAsync"/>
    public virtual Pageable<Compute> List(string? computeType = null, CancellationToken cancellationToken = default) => Pages(computeType, cancellationToken).Sync();

    /// <summary>Deletes a compute cluster and its VMs (<c>underlyingResourceAction=Delete</c>).</summary>
    /// <param name="waitUntil">Whether to wait for the deletion.</param>
    /// <param name="name">The compute name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<MLOperation> BeginDeleteAsync(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ComputeOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, "Delete", true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginDeleteAsync"/>
    public virtual MLOperation BeginDelete(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ComputeOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, "Delete", false, cancellationToken)).EnsureCompleted();

    /// <summary>Detaches an attached compute (such as a Kubernetes cluster) from the workspace, leaving the cluster itself (<c>underlyingResourceAction=Detach</c>).</summary>
    /// <param name="waitUntil">Whether to wait for the detachment.</param>
    /// <param name="name">The compute name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<MLOperation> BeginDetachAsync(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ComputeOperations.BeginDetach", () => DeleteCoreAsync(waitUntil, name, "Detach", true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginDetachAsync"/>
    public virtual MLOperation BeginDetach(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ComputeOperations.BeginDetach", () => DeleteCoreAsync(waitUntil, name, "Detach", false, cancellationToken)).EnsureCompleted();

    private async ValueTask<CreateOrUpdateComputeOperation> CreateOrUpdateCoreAsync(WaitUntil waitUntil, AmlCompute compute, bool async, CancellationToken cancellationToken)
    {
        ComputeRules.Validate(compute);
        string location = compute.Location ?? await Client.Workspaces.GetLocationAsync(async, cancellationToken).ConfigureAwait(false);
        Uri uri = Rest.WorkspaceUri(ResourceIds.ComputePath(compute.Name));
        RequestContent body = ArmRestClient.Json(ComputeMapper.ToWire(compute, location), WireJsonContext.Default.ComputeData);
        var operation = new CreateOrUpdateComputeOperation(await LroCore.BeginAsync(Rest, RequestMethod.Put, uri, body, async, cancellationToken, $"Creating or updating compute '{compute.Name}'").ConfigureAwait(false));
        return await WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Response<Compute>> GetCoreAsync(string name, bool async, CancellationToken cancellationToken)
    {
        ComputeRules.ValidateName(name, nameof(name));
        Response<ComputeData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.ComputePath(name)), null, WireJsonContext.Default.ComputeData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(ComputeMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private async ValueTask<MLOperation> DeleteCoreAsync(WaitUntil waitUntil, string name, string action, bool async, CancellationToken cancellationToken)
    {
        ComputeRules.ValidateName(name, nameof(name));
        Uri uri = Rest.WorkspaceUri(ResourceIds.ComputePath(name), "underlyingResourceAction=" + action);
        string what = action == "Detach" ? "Detaching" : "Deleting";
        var operation = new MLOperation(await LroCore.BeginAsync(Rest, RequestMethod.Delete, uri, null, async, cancellationToken, $"{what} compute '{name}'").ConfigureAwait(false));
        return await WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private ArmPageable<Compute> Pages(string? computeType, CancellationToken cancellationToken)
    {
        ArmPageable<Compute> all = Rest.Pageable("ComputeOperations.List", Rest.WorkspaceUri("/computes"), WireJsonContext.Default.ResourceListComputeData, ComputeMapper.FromWire, cancellationToken);
        return computeType is null ? all : all.Where(c => string.Equals(c.ComputeType, computeType, StringComparison.OrdinalIgnoreCase));
    }
}
