using Azure;

namespace AzureMlflow.Deploy;

/// <summary>
/// <c>ml.BeginCreateOrUpdateAsync(entity)</c> as Python's <c>ml_client.begin_create_or_update(entity)</c>: one call for any
/// entity, dispatched on its type (by overload, so each returns its typed operation), to the operation group that owns it.
/// </summary>
public partial class MLClient
{
    /// <summary>Creates or updates an online endpoint (see <see cref="OnlineEndpointOperations.BeginCreateOrUpdateAsync"/>).</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the endpoint is provisioned.</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    public virtual Task<CreateOrUpdateOnlineEndpointOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, OnlineEndpoint endpoint, CancellationToken cancellationToken = default) =>
        OnlineEndpoints.BeginCreateOrUpdateAsync(waitUntil, endpoint, cancellationToken);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync(WaitUntil, OnlineEndpoint, CancellationToken)"/>
    public virtual CreateOrUpdateOnlineEndpointOperation BeginCreateOrUpdate(WaitUntil waitUntil, OnlineEndpoint endpoint, CancellationToken cancellationToken = default) =>
        OnlineEndpoints.BeginCreateOrUpdate(waitUntil, endpoint, cancellationToken);

    /// <summary>Creates or updates an online deployment (see <see cref="OnlineDeploymentOperations.BeginCreateOrUpdateAsync"/>).</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the deployment is provisioned.</param>
    /// <param name="deployment">The deployment.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    public virtual Task<CreateOrUpdateOnlineDeploymentOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, OnlineDeployment deployment, CancellationToken cancellationToken = default) =>
        OnlineDeployments.BeginCreateOrUpdateAsync(waitUntil, deployment, cancellationToken);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync(WaitUntil, OnlineDeployment, CancellationToken)"/>
    public virtual CreateOrUpdateOnlineDeploymentOperation BeginCreateOrUpdate(WaitUntil waitUntil, OnlineDeployment deployment, CancellationToken cancellationToken = default) =>
        OnlineDeployments.BeginCreateOrUpdate(waitUntil, deployment, cancellationToken);

    /// <summary>Creates or updates a batch endpoint (see <see cref="BatchEndpointOperations.BeginCreateOrUpdateAsync"/>).</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the endpoint is provisioned.</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    public virtual Task<CreateOrUpdateBatchEndpointOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, BatchEndpoint endpoint, CancellationToken cancellationToken = default) =>
        BatchEndpoints.BeginCreateOrUpdateAsync(waitUntil, endpoint, cancellationToken);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync(WaitUntil, BatchEndpoint, CancellationToken)"/>
    public virtual CreateOrUpdateBatchEndpointOperation BeginCreateOrUpdate(WaitUntil waitUntil, BatchEndpoint endpoint, CancellationToken cancellationToken = default) =>
        BatchEndpoints.BeginCreateOrUpdate(waitUntil, endpoint, cancellationToken);

    /// <summary>Creates or updates a batch deployment (see <see cref="BatchDeploymentOperations.BeginCreateOrUpdateAsync"/>).</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the deployment is provisioned.</param>
    /// <param name="deployment">The deployment.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    public virtual Task<CreateOrUpdateBatchDeploymentOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, BatchDeployment deployment, CancellationToken cancellationToken = default) =>
        BatchDeployments.BeginCreateOrUpdateAsync(waitUntil, deployment, cancellationToken);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync(WaitUntil, BatchDeployment, CancellationToken)"/>
    public virtual CreateOrUpdateBatchDeploymentOperation BeginCreateOrUpdate(WaitUntil waitUntil, BatchDeployment deployment, CancellationToken cancellationToken = default) =>
        BatchDeployments.BeginCreateOrUpdate(waitUntil, deployment, cancellationToken);

    /// <summary>Creates or updates a compute cluster (see <see cref="ComputeOperations.BeginCreateOrUpdateAsync"/>).</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the cluster is provisioned.</param>
    /// <param name="compute">The cluster.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    public virtual Task<CreateOrUpdateComputeOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, AmlCompute compute, CancellationToken cancellationToken = default) =>
        Computes.BeginCreateOrUpdateAsync(waitUntil, compute, cancellationToken);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync(WaitUntil, AmlCompute, CancellationToken)"/>
    public virtual CreateOrUpdateComputeOperation BeginCreateOrUpdate(WaitUntil waitUntil, AmlCompute compute, CancellationToken cancellationToken = default) =>
        Computes.BeginCreateOrUpdate(waitUntil, compute, cancellationToken);

    /// <summary>Registers a model version, uploading local files first (see <see cref="ModelOperations.CreateOrUpdateAsync(Model, IProgress{UploadProgress}, CancellationToken)"/>); Python's <c>ml_client.create_or_update(model)</c>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="cancellationToken">Cancels the upload and the registration.</param>
    public virtual Task<Response<Model>> CreateOrUpdateAsync(Model model, CancellationToken cancellationToken = default) =>
        Models.CreateOrUpdateAsync(model, cancellationToken);

    /// <summary>Registers an environment version (see <see cref="EnvironmentOperations.CreateOrUpdateAsync"/>); Python's <c>ml_client.create_or_update(environment)</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual Task<Response<MLEnvironment>> CreateOrUpdateAsync(MLEnvironment environment, CancellationToken cancellationToken = default) =>
        Environments.CreateOrUpdateAsync(environment, cancellationToken);

    /// <inheritdoc cref="CreateOrUpdateAsync(MLEnvironment, CancellationToken)"/>
    public virtual Response<MLEnvironment> CreateOrUpdate(MLEnvironment environment, CancellationToken cancellationToken = default) =>
        Environments.CreateOrUpdate(environment, cancellationToken);

    /// <inheritdoc cref="CreateOrUpdateAsync(Model, CancellationToken)"/>
    public virtual Response<Model> CreateOrUpdate(Model model, CancellationToken cancellationToken = default) =>
        Models.CreateOrUpdate(model, cancellationToken);

    /// <summary>Uploads and registers code (see <see cref="CodeAssetOperations.CreateOrUpdateAsync"/>); Python's <c>ml_client.create_or_update(code)</c>.</summary>
    /// <param name="code">The code asset.</param>
    /// <param name="cancellationToken">Cancels the requests and the upload.</param>
    public virtual Task<Response<CodeAsset>> CreateOrUpdateAsync(CodeAsset code, CancellationToken cancellationToken = default) =>
        CodeAssets.CreateOrUpdateAsync(code, null, cancellationToken);

    /// <inheritdoc cref="CreateOrUpdateAsync(CodeAsset, CancellationToken)"/>
    public virtual Response<CodeAsset> CreateOrUpdate(CodeAsset code, CancellationToken cancellationToken = default) =>
        CodeAssets.CreateOrUpdate(code, null, cancellationToken);
}
