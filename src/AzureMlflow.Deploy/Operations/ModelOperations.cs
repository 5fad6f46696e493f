using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Mapping;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>Registers and reads models. Reached through <see cref="MLClient.Models"/>.</summary>
public class ModelOperations
{
    private const string LatestLabel = "latest";
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected ModelOperations()
    {
    }

    internal ModelOperations(MLClient client) => _client = client;

    private ArmRestClient Rest => (_client ?? throw new InvalidOperationException("This instance was created for mocking.")).Rest;

    /// <summary>
    /// Registers a model version whose files are already remote (<c>azureml://</c> datastore or job-output URIs, <c>runs:/</c>, https).
    /// Without a <see cref="Model.Version"/>, the next version of the model is used.
    /// </summary>
    /// <param name="model">The model to register.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="ArgumentException">The model is incomplete, or an MLflow model path names a file.</exception>
    /// <exception cref="RequestFailedException">The service refused it, e.g. "Asset paths cannot be updated." for an existing version with another path.</exception>
    public virtual async Task<Response<Model>> CreateOrUpdateAsync(Model model, CancellationToken cancellationToken = default) =>
        await CreateOrUpdateCoreAsync(model, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="CreateOrUpdateAsync"/>
    public virtual Response<Model> CreateOrUpdate(Model model, CancellationToken cancellationToken = default) =>
        CreateOrUpdateCoreAsync(model, false, cancellationToken).EnsureCompleted();

    /// <summary>Reads a model version, given either its version or a label (<c>latest</c>).</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version; give this or <paramref name="label"/>.</param>
    /// <param name="label">The label; only <c>latest</c> is supported.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<Model>> GetAsync(string name, string? version = null, string? label = null, CancellationToken cancellationToken = default) =>
        await GetCoreAsync(name, version, label, true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<Model> Get(string name, string? version = null, string? label = null, CancellationToken cancellationToken = default) =>
        GetCoreAsync(name, version, label, false, cancellationToken).EnsureCompleted();

    /// <summary>Lists the versions of a model, or, without a name, the workspace's models (with <see cref="Model.LatestVersion"/>).</summary>
    /// <param name="name">The model name, or null for all models.</param>
    /// <param name="listViewType">Active (default), archived or all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<Model> ListAsync(string? name = null, ListViewType listViewType = ListViewType.ActiveOnly, CancellationToken cancellationToken = default) =>
        Pages(name, listViewType, cancellationToken).Async();

    /// <inheritdoc cref="ListAsync"/>
    public virtual Pageable<Model> List(string? name = null, ListViewType listViewType = ListViewType.ActiveOnly, CancellationToken cancellationToken = default) =>
        Pages(name, listViewType, cancellationToken).Sync();

    /// <summary>Resolves what a deployment's model reference means to the ARM id of a registered version, registering a new <see cref="Model"/>.</summary>
    internal async ValueTask<string> ResolveIdAsync(ModelReference reference, bool async, CancellationToken cancellationToken)
    {
        if (reference.Model is { } model)
        {
            return model.Id ?? (await CreateOrUpdateCoreAsync(model, async, cancellationToken).ConfigureAwait(false)).Value.Id!;
        }
        ParsedModelReference parsed = ModelReferences.Parse(reference.Reference!, Rest);
        if (parsed.Id is not null)
        {
            return parsed.Id;
        }
        Response<Model> labelled = await GetCoreAsync(parsed.Name!, null, parsed.Label, async, cancellationToken).ConfigureAwait(false);
        return labelled.Value.Id!;
    }

    private async ValueTask<Response<Model>> CreateOrUpdateCoreAsync(Model model, bool async, CancellationToken cancellationToken)
    {
        ModelRules.ValidateForRegistration(model);
        string name = model.Name!;
        string path = DatastoreUris.ToLongForm(model.Path!, Rest);
        string? jobName = model.JobName ?? DatastoreUris.JobName(path);
        string version = model.Version ?? await NextVersionAsync(name, async, cancellationToken).ConfigureAwait(false);

        Response<ModelVersionData> response = await Rest.SendAsync(
            RequestMethod.Put, Rest.WorkspaceUri(ResourceIds.ModelVersionPath(name, version)),
            ArmRestClient.Json(ModelMapper.ToWire(model, path, jobName), WireJsonContext.Default.ModelVersionData),
            WireJsonContext.Default.ModelVersionData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(ModelMapper.FromWire(response.Value), response.GetRawResponse());
    }

    private async ValueTask<string> NextVersionAsync(string name, bool async, CancellationToken cancellationToken)
    {
        using HttpMessage message = Rest.CreateMessage(RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.ModelPath(name)));
        if (async)
        {
            await Rest.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Rest.Pipeline.Send(message, cancellationToken);
        }
        if (message.Response.Status == 404)
        {
            return "1";
        }
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
        ModelContainerData container = ArmRestClient.Read(message.Response, WireJsonContext.Default.ModelContainerData);
        return container.Properties?.NextVersion ?? "1";
    }

    private async ValueTask<Response<Model>> GetCoreAsync(string name, string? version, string? label, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (version is not null && label is not null)
        {
            throw new ArgumentException("Cannot specify both version and label.", nameof(label));
        }
        if (version is null && label is null)
        {
            throw new ArgumentException("Must provide either version or label.", nameof(version));
        }
        if (version is not null)
        {
            Response<ModelVersionData> response = await Rest.SendAsync(
                RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.ModelVersionPath(name, version)), null,
                WireJsonContext.Default.ModelVersionData, async, cancellationToken).ConfigureAwait(false);
            return Response.FromValue(ModelMapper.FromWire(response.Value), response.GetRawResponse());
        }
        if (!string.Equals(label, LatestLabel, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown model label '{label}'; the only label the service manages is 'latest'.", nameof(label));
        }
        Response<ResourceList<ModelVersionData>> latest = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.ModelPath(name) + "/versions", "$orderBy=createdtime%20desc&$top=1"), null,
            WireJsonContext.Default.ResourceListModelVersionData, async, cancellationToken).ConfigureAwait(false);
        ModelVersionData newest = latest.Value.Value?.FirstOrDefault()
            ?? throw new RequestFailedException(404, $"Model '{name}' has no versions in workspace '{Rest.WorkspaceName}'.", "ModelNotFound", null);
        return Response.FromValue(ModelMapper.FromWire(newest), latest.GetRawResponse());
    }

    private ArmPageable<Model> Pages(string? name, ListViewType listViewType, CancellationToken cancellationToken)
    {
        string view = "listViewType=" + listViewType;
        return name is null
            ? Rest.Pageable(Rest.WorkspaceUri("/models", view), WireJsonContext.Default.ResourceListModelContainerData, ModelMapper.FromWire, cancellationToken)
            : Rest.Pageable(Rest.WorkspaceUri(ResourceIds.ModelPath(name) + "/versions", view), WireJsonContext.Default.ResourceListModelVersionData, ModelMapper.FromWire, cancellationToken);
    }
}
