using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Lro;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy;

/// <summary>Creates, reads and deletes managed online endpoints, reads their keys and moves traffic. Reached through <see cref="MLClient.OnlineEndpoints"/>.</summary>
public partial class OnlineEndpointOperations
{
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected OnlineEndpointOperations()
    {
    }

    internal OnlineEndpointOperations(MLClient client) => _client = client;

    private MLClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    private ArmRestClient Rest => Client.Rest;

    /// <summary>Creates an endpoint, or replaces an existing one's settings (a PUT of the whole endpoint, traffic included).</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the endpoint is provisioned.</param>
    /// <param name="endpoint">The endpoint; its name, traffic and mirror traffic are validated before any request.</param>
    /// <param name="cancellationToken">Cancels the request (and the waiting).</param>
    /// <exception cref="ArgumentException">The name or traffic break the service's rules.</exception>
    /// <exception cref="RequestFailedException">The service refused the request or provisioning failed.</exception>
    public virtual async Task<CreateOrUpdateOnlineEndpointOperation> BeginCreateOrUpdateAsync(WaitUntil waitUntil, OnlineEndpoint endpoint, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, endpoint, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginCreateOrUpdateAsync"/>
    public virtual CreateOrUpdateOnlineEndpointOperation BeginCreateOrUpdate(WaitUntil waitUntil, OnlineEndpoint endpoint, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.BeginCreateOrUpdate", () => CreateOrUpdateCoreAsync(waitUntil, endpoint, false, cancellationToken)).EnsureCompleted();

    /// <summary>Reads an endpoint. Deployments that receive no traffic are listed in <see cref="OnlineEndpoint.Traffic"/> with 0.</summary>
    /// <param name="name">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">The endpoint does not exist (status 404) or the request failed.</exception>
    public virtual async Task<Response<OnlineEndpoint>> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.Get", () => GetCoreAsync(name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<OnlineEndpoint> Get(string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.Get", () => GetCoreAsync(name, false, cancellationToken)).EnsureCompleted();

    /// <summary>Lists the workspace's online endpoints, page by page.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<OnlineEndpoint> ListAsync(CancellationToken cancellationToken = default) => Pages(cancellationToken).Async();

    /// <inheritdoc cref="ListAsync"/>
    public virtual Pageable<OnlineEndpoint> List(CancellationToken cancellationToken = default) => Pages(cancellationToken).Sync();

    /// <summary>Deletes an endpoint and all its deployments.</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the endpoint is gone.</param>
    /// <param name="name">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the request (and the waiting).</param>
    public virtual async Task<MLOperation> BeginDeleteAsync(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginDeleteAsync"/>
    public virtual MLOperation BeginDelete(WaitUntil waitUntil, string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.BeginDelete", () => DeleteCoreAsync(waitUntil, name, false, cancellationToken)).EnsureCompleted();

    /// <summary>
    /// Reads the credentials for the endpoint's scoring URI: <see cref="EndpointAuthKeys"/> for key endpoints,
    /// <see cref="EndpointAuthToken"/> for <c>aml_token</c> (issued by the endpoint) and <c>aad_token</c> (from the client's credential;
    /// the raw response is then the endpoint read that named the auth mode).
    /// </summary>
    /// <param name="name">The endpoint name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<Response<EndpointCredentials>> GetKeysAsync(string name, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.GetKeys", () => GetKeysCoreAsync(name, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetKeysAsync"/>
    public virtual Response<EndpointCredentials> GetKeys(string name, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.GetKeys", () => GetKeysCoreAsync(name, false, cancellationToken)).EnsureCompleted();

    /// <summary>Replaces one key of a key-authenticated endpoint with a new random key.</summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once the key is replaced.</param>
    /// <param name="name">The endpoint name.</param>
    /// <param name="keyType">Which key to replace; the primary key when null.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    /// <exception cref="InvalidOperationException">The endpoint does not use keys.</exception>
    public virtual async Task<MLOperation> BeginRegenerateKeysAsync(WaitUntil waitUntil, string name, KeyType? keyType = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.BeginRegenerateKeys", () => RegenerateKeysCoreAsync(waitUntil, name, keyType ?? KeyType.Primary, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginRegenerateKeysAsync"/>
    public virtual MLOperation BeginRegenerateKeys(WaitUntil waitUntil, string name, KeyType? keyType = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.BeginRegenerateKeys", () => RegenerateKeysCoreAsync(waitUntil, name, keyType ?? KeyType.Primary, false, cancellationToken)).EnsureCompleted();

    /// <summary>
    /// Sets the live traffic split of an endpoint (a read followed by a PUT of the whole endpoint). Deployments left out get 0.
    /// The split is checked before any request (values 0-100 summing to 100) and against the endpoint's deployments before the PUT.
    /// </summary>
    /// <param name="waitUntil">Whether to return once the service accepted the request or once traffic has moved.</param>
    /// <param name="name">The endpoint name.</param>
    /// <param name="traffic">Percent of traffic per deployment name.</param>
    /// <param name="cancellationToken">Cancels the requests (and the waiting).</param>
    public virtual async Task<CreateOrUpdateOnlineEndpointOperation> BeginUpdateTrafficAsync(WaitUntil waitUntil, string name, IDictionary<string, int> traffic, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.BeginUpdateTraffic", () => UpdateTrafficCoreAsync(waitUntil, name, traffic, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="BeginUpdateTrafficAsync"/>
    public virtual CreateOrUpdateOnlineEndpointOperation BeginUpdateTraffic(WaitUntil waitUntil, string name, IDictionary<string, int> traffic, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "OnlineEndpointOperations.BeginUpdateTraffic", () => UpdateTrafficCoreAsync(waitUntil, name, traffic, false, cancellationToken)).EnsureCompleted();

    private async ValueTask<CreateOrUpdateOnlineEndpointOperation> CreateOrUpdateCoreAsync(WaitUntil waitUntil, OnlineEndpoint endpoint, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        NameRules.ValidateEndpointName(endpoint.Name, nameof(endpoint));
        if (endpoint is KubernetesOnlineEndpoint { Compute: var compute } && string.IsNullOrWhiteSpace(compute))
        {
            throw new ArgumentException($"Kubernetes endpoint '{endpoint.Name}' has no Compute; name the Kubernetes compute attached to the workspace.", nameof(endpoint));
        }
        TrafficRules.Validate(endpoint.Traffic, endpoint.MirrorTraffic, endpoint.Name, existingDeployments: null);
        string location = endpoint.Location ?? await Client.Workspaces.GetLocationAsync(async, cancellationToken).ConfigureAwait(false);
        return await PutAsync(waitUntil, endpoint, location, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<CreateOrUpdateOnlineEndpointOperation> PutAsync(WaitUntil waitUntil, OnlineEndpoint endpoint, string location, bool async, CancellationToken cancellationToken)
    {
        Uri uri = Rest.WorkspaceUri(ResourceIds.OnlineEndpointPath(endpoint.Name));
        RequestContent body = ArmRestClient.Json(EndpointMapper.ToWire(endpoint, location, endpoint is KubernetesOnlineEndpoint { Compute: var compute } ? ResourceIds.ComputeId(Rest.WorkspaceResourceId, compute) : null), WireJsonContext.Default.OnlineEndpointData);
        var operation = new CreateOrUpdateOnlineEndpointOperation(
            await LroCore.BeginAsync(Rest, RequestMethod.Put, uri, body, async, cancellationToken, $"Creating or updating online endpoint '{endpoint.Name}'").ConfigureAwait(false));
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Response<OnlineEndpoint>> GetCoreAsync(string name, bool async, CancellationToken cancellationToken)
    {
        Response<OnlineEndpoint> response = await GetWithoutDeploymentsAsync(name, async, cancellationToken).ConfigureAwait(false);
        OnlineEndpoint endpoint = response.Value;
        foreach (OnlineDeployment deployment in await Client.OnlineDeployments.ListAllAsync(name, async, cancellationToken).ConfigureAwait(false))
        {
            if (!endpoint.Traffic.ContainsKey(deployment.Name) && !endpoint.MirrorTraffic.ContainsKey(deployment.Name))
            {
                endpoint.Traffic[deployment.Name] = 0;
            }
        }
        return response;
    }

    internal ValueTask<Response<OnlineEndpoint>> GetAsyncCore(string name, bool async, CancellationToken cancellationToken) => GetWithoutDeploymentsAsync(name, async, cancellationToken);

    private async ValueTask<Response<OnlineEndpoint>> GetWithoutDeploymentsAsync(string name, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Response<OnlineEndpointData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.OnlineEndpointPath(name)), null, WireJsonContext.Default.OnlineEndpointData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(EndpointMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private ArmPageable<OnlineEndpoint> Pages(CancellationToken cancellationToken) =>
        Rest.Pageable("OnlineEndpointOperations.List", Rest.WorkspaceUri("/onlineEndpoints"), WireJsonContext.Default.ResourceListOnlineEndpointData, EndpointMapper.FromWire, cancellationToken);

    private async ValueTask<MLOperation> DeleteCoreAsync(WaitUntil waitUntil, string name, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Uri uri = Rest.WorkspaceUri(ResourceIds.OnlineEndpointPath(name));
        var operation = new MLOperation(await LroCore.BeginAsync(Rest, RequestMethod.Delete, uri, null, async, cancellationToken, $"Deleting online endpoint '{name}'").ConfigureAwait(false));
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask<Response<EndpointCredentials>> GetKeysCoreAsync(string name, bool async, CancellationToken cancellationToken)
    {
        Response<OnlineEndpoint> read = await GetWithoutDeploymentsAsync(name, async, cancellationToken).ConfigureAwait(false);
        return await CredentialsCoreAsync(name, read.Value.AuthMode, read.GetRawResponse(), async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The credentials of an endpoint whose auth mode is already known (from the read that found its scoring URI, so a
    /// first invoke reads the endpoint once, as Python's does); <paramref name="read"/> is that read's response.
    /// </summary>
    internal async ValueTask<Response<EndpointCredentials>> CredentialsCoreAsync(string name, EndpointAuthMode mode, Response read, bool async, CancellationToken cancellationToken)
    {
        if (mode == EndpointAuthMode.Key)
        {
            Response<EndpointKeysData> keys = await Rest.SendAsync(
                RequestMethod.Post, Rest.WorkspaceUri(ResourceIds.OnlineEndpointPath(name) + "/listKeys"), null,
                WireJsonContext.Default.EndpointKeysData, async, cancellationToken, secretResponse: true).ConfigureAwait(false);
            return Response.FromValue<EndpointCredentials>(
                new EndpointAuthKeys(keys.Value.PrimaryKey ?? string.Empty, keys.Value.SecondaryKey ?? string.Empty), keys.GetRawResponse());
        }
        if (mode == EndpointAuthMode.AmlToken)
        {
            Response<EndpointTokenData> token = await Rest.SendAsync(
                RequestMethod.Post, Rest.WorkspaceUri(ResourceIds.OnlineEndpointPath(name) + "/token"), null,
                WireJsonContext.Default.EndpointTokenData, async, cancellationToken, secretResponse: true).ConfigureAwait(false);
            EndpointTokenData t = token.Value;
            return Response.FromValue<EndpointCredentials>(
                new EndpointAuthToken(
                    t.AccessToken ?? string.Empty,
                    DateTimeOffset.FromUnixTimeSeconds(t.ExpiryTimeUtc ?? 0),
                    t.RefreshAfterTimeUtc is { } refresh ? DateTimeOffset.FromUnixTimeSeconds(refresh) : null,
                    t.TokenType ?? "Bearer"),
                token.GetRawResponse());
        }
        if (mode != EndpointAuthMode.AadToken)
        {
            throw new NotSupportedException($"Endpoint '{name}' uses auth mode '{mode}', which this version of the SDK cannot read credentials for.");
        }
        // Entra ID tokens come from the client's credential; the service's answer is the endpoint read that named the auth mode.
        var context = new TokenRequestContext([Rest.Options.Scoring.AuthenticationScope]);
        AccessToken aad = async
            ? await Client.Credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false)
            : Client.Credential.GetToken(context, cancellationToken);
        return Response.FromValue<EndpointCredentials>(new EndpointAuthToken(aad.Token, aad.ExpiresOn, aad.RefreshOn), read);
    }

    private async ValueTask<MLOperation> RegenerateKeysCoreAsync(WaitUntil waitUntil, string name, KeyType keyType, bool async, CancellationToken cancellationToken)
    {
        OnlineEndpoint endpoint = (await GetWithoutDeploymentsAsync(name, async, cancellationToken).ConfigureAwait(false)).Value;
        if (endpoint.AuthMode != EndpointAuthMode.Key)
        {
            throw new InvalidOperationException($"Endpoint '{name}' does not use keys for authentication (its auth mode is {endpoint.AuthMode}).");
        }
        Uri uri = Rest.WorkspaceUri(ResourceIds.OnlineEndpointPath(name) + "/regenerateKeys");
        RequestContent body = ArmRestClient.Json(new RegenerateKeysRequestData { KeyType = keyType.ToString() }, WireJsonContext.Default.RegenerateKeysRequestData);
        var operation = new MLOperation(await LroCore.BeginAsync(Rest, RequestMethod.Post, uri, body, async, cancellationToken, $"Regenerating the {keyType.ToString().ToLowerInvariant()} key of online endpoint '{name}'").ConfigureAwait(false));
        return await Lro.WaitUntilCompleted.IfAskedAsync(operation, waitUntil, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<CreateOrUpdateOnlineEndpointOperation> UpdateTrafficCoreAsync(WaitUntil waitUntil, string name, IDictionary<string, int> traffic, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(traffic);
        var requested = new Dictionary<string, int>(traffic, StringComparer.OrdinalIgnoreCase);
        TrafficRules.Validate(requested, new Dictionary<string, int>(), name, existingDeployments: null);

        OnlineEndpoint endpoint = (await GetWithoutDeploymentsAsync(name, async, cancellationToken).ConfigureAwait(false)).Value;
        List<OnlineDeployment> deployments = await Client.OnlineDeployments.ListAllAsync(name, async, cancellationToken).ConfigureAwait(false);
        TrafficRules.Validate(requested, endpoint.MirrorTraffic, name, deployments.Select(d => d.Name).ToList());

        endpoint.Traffic.Clear();
        foreach (KeyValuePair<string, int> pair in requested)
        {
            endpoint.Traffic[pair.Key] = pair.Value;
        }
        string location = endpoint.Location ?? await Client.Workspaces.GetLocationAsync(async, cancellationToken).ConfigureAwait(false);
        return await PutAsync(waitUntil, endpoint, location, async, cancellationToken).ConfigureAwait(false);
    }
}
