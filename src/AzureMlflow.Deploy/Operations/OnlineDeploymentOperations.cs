using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Lro;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

/// <summary>Creates, reads and deletes managed online deployments and reads their logs. Reached through <see cref="MLClient.OnlineDeployments"/>.</summary>
public class OnlineDeploymentOperations
{
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected OnlineDeploymentOperations()
    {
    }

    internal OnlineDeploymentOperations(MLClient client) => _client = client;

    private MLClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    private ArmRestClient Rest => Client.Rest;

    /// <summary>
    /// Creates or updates a deployment. Everything the client can check is checked before any request; then the endpoint must
    /// exist, the model reference is resolved (a <see cref="Model"/> without an id is registered first), and the deployment is
    /// sent. For an MLflow model no environment and no scoring script are sent: the service generates them (no-code deployment).
    /// </summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the deployment is provisioned.</param>
    /// <param name="deployment">The deployment.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    /// <exception cref="ArgumentException">The deployment breaks a rule the client can check.</exception>
    /// <exception cref="RequestFailedException">The service refused the request or provisioning failed (the message says how to read the logs).</exception>
    public virtual async Task<CreateOrUpdateOnlineDeploymentOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, OnlineDeployment deployment, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineDeploymentOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, deployment, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync"/>
    public virtual CreateOrUpdateOnlineDeploymentOperation BeginCreateOrUpdate(WaitUntil waitUntil, OnlineDeployment deployment, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineDeploymentOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, deployment, false, cancellationToken)).EnsureCompleted();

    /// <summary>Reads a deployment.</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="endpointName">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<OnlineDeployment>> GetAsync(string name, string endpointName, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineDeploymentOperations.Get", () => GetCoreAsync(name, endpointName, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<OnlineDeployment> Get(string name, string endpointName, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineDeploymentOperations.Get", () => GetCoreAsync(name, endpointName, false, cancellationToken)).EnsureCompleted();

    /// <summary>Lists the deployments of an endpoint, page by page.</summary>
    /// <param name="endpointName">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<OnlineDeployment> ListAsync(string endpointName, CancellationToken cancellationToken = default) =>
        Pages(endpointName, cancellationToken).Async();

    /// <inheritdoc cref="ListAsync"/>
    public virtual Pageable<OnlineDeployment> List(string endpointName, CancellationToken cancellationToken = default) =>
        Pages(endpointName, cancellationToken).Sync();

    /// <summary>Deletes a deployment. Move its traffic elsewhere first: the service refuses to delete a deployment that receives traffic.</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the deployment is gone.</param>
    /// <param name="name">The deployment name.</param>
    /// <param name="endpointName">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the request (and the waiting).</param>
    public virtual async Task<MLOperation> BeginDeleteAsync(WaitUntil waitUntil, string name, string endpointName, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineDeploymentOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, endpointName, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginDeleteAsync"/>
    public virtual MLOperation BeginDelete(WaitUntil waitUntil, string name, string endpointName, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineDeploymentOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, endpointName, false, cancellationToken)).EnsureCompleted();

    /// <summary>Reads the last lines of a deployment container's logs.</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="endpointName">The endpoint name.</param>
    /// <param name="lines">How many lines from the end (at least 1).</param>
    /// <param name="containerType">The inference server (the default when null) or the model-downloading storage initializer.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<string>> GetLogsAsync(string name, string endpointName, int lines = 100, ContainerType? containerType = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineDeploymentOperations.GetLogs", () => GetLogsCoreAsync(name, endpointName, lines, containerType ?? ContainerType.InferenceServer, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetLogsAsync"/>
    public virtual Response<string> GetLogs(string name, string endpointName, int lines = 100, ContainerType? containerType = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineDeploymentOperations.GetLogs", () => GetLogsCoreAsync(name, endpointName, lines, containerType ?? ContainerType.InferenceServer, false, cancellationToken)).EnsureCompleted();

    internal ValueTask<List<OnlineDeployment>> ListAllAsync(string endpointName, bool async, CancellationToken cancellationToken) =>
        Pages(endpointName, cancellationToken).ToListAsync(async);

    private async ValueTask<CreateOrUpdateOnlineDeploymentOperation> CreateOrUpdateCoreAsync(WaitUntil waitUntil, OnlineDeployment deployment, bool async, CancellationToken cancellationToken)
    {
        DeploymentRules.Validate(deployment);
        IReadOnlyList<Mlflow.PreflightFinding> findings = DeploymentDependencies.CheckModel(deployment, Rest);

        // The endpoint must exist before anything is registered or sent (404 otherwise).
        await Client.OnlineEndpoints.GetAsyncCore(deployment.EndpointName, async, cancellationToken).ConfigureAwait(false);
        string modelId = await Client.Models.ResolveIdAsync(deployment.Model!, async, cancellationToken).ConfigureAwait(false);
        string location = deployment.Location ?? await Client.Workspaces.GetLocationAsync(async, cancellationToken).ConfigureAwait(false);

        Uri uri = Rest.WorkspaceUri(ResourceIds.OnlineDeploymentPath(deployment.EndpointName, deployment.Name));
        OnlineDeploymentData data = DeploymentMapper.ToWire(deployment, modelId, location);
        (data.Properties!.CodeConfiguration, data.Properties.EnvironmentId) = await DeploymentDependencies.ResolveAsync(Client, deployment, async, cancellationToken).ConfigureAwait(false);
        RequestContent body = ArmRestClient.Json(data, WireJsonContext.Default.OnlineDeploymentData);
        string hint = $"Read the deployment logs with client.OnlineDeployments.GetLogs(\"{deployment.Name}\", \"{deployment.EndpointName}\", lines: 100) " +
            "or operation.GetLogs(); ContainerType.StorageInitializer shows model download problems.";
        var operation = new CreateOrUpdateOnlineDeploymentOperation(await LroCore.BeginAsync(Rest, RequestMethod.Put, uri, body, async, cancellationToken, $"Creating or updating online deployment '{deployment.Name}' on endpoint '{deployment.EndpointName}'", hint).ConfigureAwait(false))
        {
            Warnings = findings,
        };
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Response<OnlineDeployment>> GetCoreAsync(string name, string endpointName, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        Response<OnlineDeploymentData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.OnlineDeploymentPath(endpointName, name)), null,
            WireJsonContext.Default.OnlineDeploymentData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(DeploymentMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private ArmPageable<OnlineDeployment> Pages(string endpointName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        return Rest.Pageable("OnlineDeploymentOperations.List",
            Rest.WorkspaceUri(ResourceIds.OnlineEndpointPath(endpointName) + "/deployments"),
            WireJsonContext.Default.ResourceListOnlineDeploymentData, DeploymentMapper.FromWire, cancellationToken);
    }

    private async ValueTask<MLOperation> DeleteCoreAsync(WaitUntil waitUntil, string name, string endpointName, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        Uri uri = Rest.WorkspaceUri(ResourceIds.OnlineDeploymentPath(endpointName, name));
        var operation = new MLOperation(await LroCore.BeginAsync(Rest, RequestMethod.Delete, uri, null, async, cancellationToken, $"Deleting online deployment '{name}' of endpoint '{endpointName}'").ConfigureAwait(false));
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<Response<string>> GetLogsCoreAsync(string name, string endpointName, int lines, ContainerType containerType, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        Uri uri = Rest.WorkspaceUri(ResourceIds.OnlineDeploymentPath(endpointName, name));
        return DeploymentLogs.GetAsync(Rest, uri, lines, containerType, async, cancellationToken);
    }
}
