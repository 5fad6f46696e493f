using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.MlflowDeployments;

/// <summary>
/// The MLflow deployments workflow of the azureml-mlflow plugin, for teams that think in MLflow: deployments are named,
/// take an MLflow model URI and a flat config, and are scored with <see cref="PredictAsync"/>. Each deployment lives on
/// a managed online endpoint (by default one of the same name, created on first use and given all the traffic).
/// </summary>
public class MlflowDeploymentClient
{
    private const string DefaultInstanceType = "Standard_DS3_v2";
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected MlflowDeploymentClient()
    {
    }

    /// <summary>Creates a client for the workspace an MLflow tracking URI names.</summary>
    /// <param name="trackingUri"><c>azureml://{region}.api.azureml.ms/mlflow/v1.0/subscriptions/.../workspaces/{ws}</c>.</param>
    /// <param name="credential">The credential.</param>
    /// <param name="options">Client options.</param>
    public MlflowDeploymentClient(string trackingUri, TokenCredential credential, MLClientOptions? options = null)
    {
        (string subscription, string resourceGroup, string workspace) = MlflowTrackingUri.Parse(trackingUri);
        _client = new MLClient(credential, subscription, resourceGroup, workspace, options);
    }

    /// <summary>Creates a client that works through an existing <see cref="MLClient"/>.</summary>
    /// <param name="client">The client.</param>
    public MlflowDeploymentClient(MLClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The underlying client.</summary>
    public virtual MLClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Reads a JSON deploy-config file (<c>{"instance_type": ..., "instance_count": ...}</c>) into a config dictionary.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">The file is not a JSON object, or sets a key twice.</exception>
    public static IReadOnlyDictionary<string, string> ReadConfigFile(string path) => MlflowDeploymentConfig.FromFile(path);

    /// <summary>
    /// Deploys an MLflow model: <c>models:/name/version</c>, <c>models:/name@latest</c> (or <c>/latest</c>), or an
    /// unregistered model (<c>runs:/run/path</c>, a datastore URI, a local folder), which is registered under
    /// <paramref name="name"/> first.
    /// </summary>
    /// <param name="name">The deployment name (and the endpoint's, unless <paramref name="endpoint"/> is given).</param>
    /// <param name="modelUri">The MLflow model URI.</param>
    /// <param name="config"><c>instance_type</c>, <c>instance_count</c> and other managed deployment keys.</param>
    /// <param name="endpoint">The endpoint to deploy to; created (with all traffic to this deployment) if missing.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="NotSupportedException">The config names an ACI target (retired; use a managed endpoint). An AKS target becomes a Kubernetes deployment on the attached compute it names.</exception>
    public virtual async Task<Response<OnlineDeployment>> CreateDeploymentAsync(string name, string modelUri, IReadOnlyDictionary<string, string>? config = null, string? endpoint = null, CancellationToken cancellationToken = default) =>
        await CreateCoreAsync(name, modelUri, config, endpoint, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="CreateDeploymentAsync"/>
    public virtual Response<OnlineDeployment> CreateDeployment(string name, string modelUri, IReadOnlyDictionary<string, string>? config = null, string? endpoint = null, CancellationToken cancellationToken = default) =>
        CreateCoreAsync(name, modelUri, config, endpoint, false, cancellationToken).EnsureCompleted();

    private async ValueTask<Response<OnlineDeployment>> CreateCoreAsync(string name, string modelUri, IReadOnlyDictionary<string, string>? config, string? endpoint, bool async, CancellationToken cancellationToken)
    {
        OnlineDeployment deployment = Describe(name, endpoint, config);
        deployment.Model = MlflowModelUri.Resolve(modelUri, deployment.Name);
        Validation.DeploymentRules.Validate(deployment); // everything checkable, before the endpoint is created
        string endpointName = deployment.EndpointName;
        bool created = await EnsureEndpointAsync(endpointName, MlflowDeploymentConfig.KubernetesCompute(config), async, cancellationToken).ConfigureAwait(false);
        Response<OnlineDeployment> result = await PutDeploymentAsync(deployment, async, cancellationToken).ConfigureAwait(false);
        OnlineEndpoint current = await GetEndpointAsync(endpointName, async, cancellationToken).ConfigureAwait(false);
        if (created || current.Traffic.Values.All(v => v == 0))
        {
            await UpdateTrafficAsync(endpointName, new Dictionary<string, int> { [result.Value.Name] = 100 }, async, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>Changes a deployment's model and/or config; what is not given stays as it is.</summary>
    /// <param name="name">The deployment.</param>
    /// <param name="modelUri">A new MLflow model URI, or null to keep the model.</param>
    /// <param name="config">Config keys to change.</param>
    /// <param name="endpoint">The endpoint, if not named like the deployment.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<Response<OnlineDeployment>> UpdateDeploymentAsync(string name, string? modelUri = null, IReadOnlyDictionary<string, string>? config = null, string? endpoint = null, CancellationToken cancellationToken = default) =>
        await UpdateCoreAsync(name, modelUri, config, endpoint, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="UpdateDeploymentAsync"/>
    public virtual Response<OnlineDeployment> UpdateDeployment(string name, string? modelUri = null, IReadOnlyDictionary<string, string>? config = null, string? endpoint = null, CancellationToken cancellationToken = default) =>
        UpdateCoreAsync(name, modelUri, config, endpoint, false, cancellationToken).EnsureCompleted();

    private async ValueTask<Response<OnlineDeployment>> UpdateCoreAsync(string name, string? modelUri, IReadOnlyDictionary<string, string>? config, string? endpoint, bool async, CancellationToken cancellationToken)
    {
        OnlineDeployment deployment = (await GetDeploymentCoreAsync(name, endpoint ?? name, async, cancellationToken).ConfigureAwait(false)).Value;
        MlflowDeploymentConfig.Apply(config, deployment);
        if (modelUri is not null)
        {
            deployment.Model = MlflowModelUri.Resolve(modelUri, deployment.Name);
        }
        return await PutDeploymentAsync(deployment, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a deployment (moving its traffic away first); an endpoint named like it is deleted once it has no deployments.</summary>
    /// <param name="name">The deployment.</param>
    /// <param name="endpoint">The endpoint, if not named like the deployment.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<Response> DeleteDeploymentAsync(string name, string? endpoint = null, CancellationToken cancellationToken = default) =>
        await DeleteCoreAsync(name, endpoint, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="DeleteDeploymentAsync"/>
    public virtual Response DeleteDeployment(string name, string? endpoint = null, CancellationToken cancellationToken = default) =>
        DeleteCoreAsync(name, endpoint, false, cancellationToken).EnsureCompleted();

    private async ValueTask<Response> DeleteCoreAsync(string name, string? endpoint, bool async, CancellationToken cancellationToken)
    {
        string endpointName = endpoint ?? name;
        OnlineEndpoint current = await GetEndpointAsync(endpointName, async, cancellationToken).ConfigureAwait(false);
        if (current.Traffic.TryGetValue(name, out int share) && share > 0)
        {
            var rest = current.Traffic.Where(t => !t.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && t.Value > 0).ToDictionary(t => t.Key, t => t.Value);
            int total = rest.Values.Sum();
            if (total > 0 && total != 100)
            {
                // Spread the share over the others so the traffic still sums to 100.
                string first = rest.Keys.First();
                rest[first] += 100 - total;
            }
            await UpdateTrafficAsync(endpointName, rest, async, cancellationToken).ConfigureAwait(false);
        }
        MLOperation deleted = async
            ? await Client.OnlineDeployments.BeginDeleteAsync(WaitUntil.Completed, name, endpointName, cancellationToken).ConfigureAwait(false)
            : Client.OnlineDeployments.BeginDelete(WaitUntil.Completed, name, endpointName, cancellationToken);
        if (endpoint is null && (await Client.OnlineDeployments.ListAllAsync(endpointName, async, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            deleted = async
                ? await Client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName, cancellationToken).ConfigureAwait(false)
                : Client.OnlineEndpoints.BeginDelete(WaitUntil.Completed, endpointName, cancellationToken);
        }
        return deleted.GetRawResponse();
    }

    /// <summary>Gets a deployment.</summary>
    /// <param name="name">The deployment.</param>
    /// <param name="endpoint">The endpoint, if not named like the deployment.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<OnlineDeployment>> GetDeploymentAsync(string name, string? endpoint = null, CancellationToken cancellationToken = default) =>
        await GetDeploymentCoreAsync(name, endpoint ?? name, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="GetDeploymentAsync"/>
    public virtual Response<OnlineDeployment> GetDeployment(string name, string? endpoint = null, CancellationToken cancellationToken = default) =>
        GetDeploymentCoreAsync(name, endpoint ?? name, false, cancellationToken).EnsureCompleted();

    /// <summary>
    /// Lists the deployments of an endpoint, or of every online endpoint of the workspace (one endpoint after another;
    /// that list cannot be resumed from a continuation token).
    /// </summary>
    /// <param name="endpoint">The endpoint, or null for all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<OnlineDeployment> ListDeploymentsAsync(string? endpoint = null, CancellationToken cancellationToken = default) =>
        endpoint is not null ? Client.OnlineDeployments.ListAsync(endpoint, cancellationToken) : new Core.AsyncPagesPageable<OnlineDeployment>(EveryEndpointPagesAsync, cancellationToken);

    /// <inheritdoc cref="ListDeploymentsAsync"/>
    public virtual Pageable<OnlineDeployment> ListDeployments(string? endpoint = null, CancellationToken cancellationToken = default) =>
        endpoint is not null ? Client.OnlineDeployments.List(endpoint, cancellationToken) : Pageable<OnlineDeployment>.FromPages(EveryEndpointPages(cancellationToken));

    private IEnumerable<Page<OnlineDeployment>> EveryEndpointPages(CancellationToken cancellationToken) =>
        Client.OnlineEndpoints.List(cancellationToken).SelectMany(e => Client.OnlineDeployments.List(e.Name, cancellationToken).AsPages());

    private async IAsyncEnumerable<Page<OnlineDeployment>> EveryEndpointPagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (OnlineEndpoint e in Client.OnlineEndpoints.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            await foreach (Page<OnlineDeployment> page in Client.OnlineDeployments.ListAsync(e.Name, cancellationToken).AsPages().ConfigureAwait(false))
            {
                yield return page;
            }
        }
    }

    /// <summary>Scores a payload on a deployment.</summary>
    /// <param name="deploymentName">The deployment.</param>
    /// <param name="payload">The request.</param>
    /// <param name="endpoint">The endpoint, if not named like the deployment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<Response<ScoringResult>> PredictAsync(string deploymentName, ScoringPayload payload, string? endpoint = null, CancellationToken cancellationToken = default) =>
        Client.OnlineEndpoints.InvokeAsync(endpoint ?? deploymentName, payload, deploymentName, cancellationToken);

    /// <inheritdoc cref="PredictAsync"/>
    public virtual Response<ScoringResult> Predict(string deploymentName, ScoringPayload payload, string? endpoint = null, CancellationToken cancellationToken = default) =>
        Client.OnlineEndpoints.Invoke(endpoint ?? deploymentName, payload, deploymentName, cancellationToken);

    private static OnlineDeployment Describe(string name, string? endpoint, IReadOnlyDictionary<string, string>? config)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string? endpointFromConfig = config is not null && config.TryGetValue("endpoint_name", out string? named) ? named : null;
        string endpointName = endpoint ?? endpointFromConfig ?? name;
        string? kubernetes = MlflowDeploymentConfig.KubernetesCompute(config);
        OnlineDeployment deployment = kubernetes is null ? new ManagedOnlineDeployment(name, endpointName) : new KubernetesOnlineDeployment(name, endpointName);
        MlflowDeploymentConfig.Apply(config, deployment);
        if (kubernetes is null)
        {
            deployment.InstanceType ??= DefaultInstanceType; // a Kubernetes compute has its own default instance type
        }
        deployment.InstanceCount ??= 1;
        return deployment;
    }

    private async ValueTask<bool> EnsureEndpointAsync(string endpointName, string? kubernetesCompute, bool async, CancellationToken cancellationToken)
    {
        try
        {
            _ = await GetEndpointAsync(endpointName, async, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            OnlineEndpoint endpoint = kubernetesCompute is null ? new ManagedOnlineEndpoint(endpointName) : new KubernetesOnlineEndpoint(endpointName, kubernetesCompute);
            _ = async
                ? await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, endpoint, cancellationToken).ConfigureAwait(false)
                : Client.OnlineEndpoints.BeginCreateOrUpdate(WaitUntil.Completed, endpoint, cancellationToken);
            return true;
        }
    }

    // One-line bridges from the shared implementations above to the operation groups' async or sync methods.
    private async ValueTask<OnlineEndpoint> GetEndpointAsync(string name, bool async, CancellationToken cancellationToken) => async
        ? (await Client.OnlineEndpoints.GetAsync(name, cancellationToken).ConfigureAwait(false)).Value
        : Client.OnlineEndpoints.Get(name, cancellationToken).Value;

    private async ValueTask<Response<OnlineDeployment>> GetDeploymentCoreAsync(string name, string endpointName, bool async, CancellationToken cancellationToken) => async
        ? await Client.OnlineDeployments.GetAsync(name, endpointName, cancellationToken).ConfigureAwait(false)
        : Client.OnlineDeployments.Get(name, endpointName, cancellationToken);

    private async ValueTask<Response<OnlineDeployment>> PutDeploymentAsync(OnlineDeployment deployment, bool async, CancellationToken cancellationToken)
    {
        CreateOrUpdateOnlineDeploymentOperation operation = async
            ? await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment, cancellationToken).ConfigureAwait(false)
            : Client.OnlineDeployments.BeginCreateOrUpdate(WaitUntil.Completed, deployment, cancellationToken);
        return Response.FromValue(operation.Value, operation.GetRawResponse());
    }

    private async ValueTask UpdateTrafficAsync(string endpointName, Dictionary<string, int> traffic, bool async, CancellationToken cancellationToken)
    {
        _ = async
            ? await Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, traffic, cancellationToken).ConfigureAwait(false)
            : Client.OnlineEndpoints.BeginUpdateTraffic(WaitUntil.Completed, endpointName, traffic, cancellationToken);
    }
}
