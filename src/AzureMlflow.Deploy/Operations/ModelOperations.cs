using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Uris;

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
    /// Registers a model version. A local <see cref="Model.Path"/> (a folder, or a file for custom models) is first checked
    /// (an MLflow model must be a folder with a valid MLmodel that Azure ML can deploy without code), hashed as the Python
    /// SDK and CLI do, and uploaded to <c>LocalUpload/{hash}/{name}</c> in the datastore unless identical content is
    /// already there; the version is registered only after every file is uploaded. Remote paths (<c>azureml://</c>
    /// datastore or job-output URIs, <c>runs:/</c>, https) are registered as they are. Without a
    /// <see cref="Model.Version"/>, the model's next version is used.
    /// </summary>
    /// <param name="model">The model to register; it is not modified.</param>
    /// <param name="progress">Receives upload progress for local paths (bytes and files); may be called from several threads.</param>
    /// <param name="cancellationToken">Cancels the requests and the upload; a cancelled upload is never marked complete or registered.</param>
    /// <exception cref="ArgumentException">The model is incomplete, the path is missing or empty, or an MLflow model path is not a folder with an MLmodel file.</exception>
    /// <exception cref="Mlflow.MlflowModelException">The MLmodel file cannot be read.</exception>
    /// <exception cref="NotSupportedException">The MLflow model uses something Azure ML's no-code deployment does not support.</exception>
    /// <exception cref="RequestFailedException">The service or storage refused a request, e.g. "Asset paths cannot be updated." for an existing version with another path.</exception>
    public virtual async Task<Response<Model>> CreateOrUpdateAsync(Model model, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.CreateOrUpdate", () => CreateOrUpdateCoreAsync(model, progress, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="CreateOrUpdateAsync(Model, IProgress{UploadProgress}, CancellationToken)"/>
    public virtual Response<Model> CreateOrUpdate(Model model, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.CreateOrUpdate", () => CreateOrUpdateCoreAsync(model, progress, false, cancellationToken)).EnsureCompleted();

    /// <inheritdoc cref="CreateOrUpdateAsync(Model, IProgress{UploadProgress}, CancellationToken)"/>
    public virtual Task<Response<Model>> CreateOrUpdateAsync(Model model, CancellationToken cancellationToken) =>
        CreateOrUpdateAsync(model, null, cancellationToken);

    /// <inheritdoc cref="CreateOrUpdateAsync(Model, IProgress{UploadProgress}, CancellationToken)"/>
    public virtual Response<Model> CreateOrUpdate(Model model, CancellationToken cancellationToken) =>
        CreateOrUpdate(model, null, cancellationToken);

    /// <summary>Reads a model version, given either its version or a label (<c>latest</c>).</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version; give this or <paramref name="label"/>.</param>
    /// <param name="label">The label; only <c>latest</c> is supported.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<Model>> GetAsync(string name, string? version = null, string? label = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.Get", () => GetCoreAsync(name, version, label, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<Model> Get(string name, string? version = null, string? label = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.Get", () => GetCoreAsync(name, version, label, false, cancellationToken)).EnsureCompleted();

    /// <summary>Lists the versions of a model, or, without a name, the workspace's models (with <see cref="Model.LatestVersion"/>).</summary>
    /// <param name="name">The model name, or null for all models.</param>
    /// <param name="listViewType">Active (the default when null), archived or all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual AsyncPageable<Model> ListAsync(string? name = null, ListViewType? listViewType = null, CancellationToken cancellationToken = default) =>
        Pages(name, listViewType ?? ListViewType.ActiveOnly, cancellationToken).Async();

    /// <inheritdoc cref="ListAsync"/>
    public virtual Pageable<Model> List(string? name = null, ListViewType? listViewType = null, CancellationToken cancellationToken = default) =>
        Pages(name, listViewType ?? ListViewType.ActiveOnly, cancellationToken).Sync();

    /// <summary>
    /// Downloads a model version's files from its datastore into <c>{directory}/{name}/{artifact folder}</c> (the layout
    /// the Python SDK produces) and returns the local path of the model folder (or file).
    /// </summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version.</param>
    /// <param name="directory">The folder to download into; created if needed. Existing files are overwritten.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="NotSupportedException">The model's files are not in a datastore (for example a <c>runs:/</c> URI).</exception>
    public virtual async Task<Response<string>> DownloadAsync(string name, string version, string directory, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.Download", () => DownloadCoreAsync(name, version, directory, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="DownloadAsync"/>
    public virtual Response<string> Download(string name, string version, string directory, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.Download", () => DownloadCoreAsync(name, version, directory, false, cancellationToken)).EnsureCompleted();

    /// <summary>
    /// Reads a registered MLflow model's MLmodel file from its datastore (not the rest of its files): its flavors, its
    /// signature for <see cref="Payloads.ScoringPayload.Validate"/> and its input example, for checking requests against
    /// a deployed model without a local copy.
    /// </summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="Mlflow.MlflowModelException">The model has no MLmodel file, or it is not valid.</exception>
    /// <exception cref="NotSupportedException">The model's files are not in a datastore.</exception>
    public virtual async Task<Response<Mlflow.MlflowModel>> GetMlflowModelAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.GetMlflowModel", () => GetMlflowModelCoreAsync(name, version, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetMlflowModelAsync"/>
    public virtual Response<Mlflow.MlflowModel> GetMlflowModel(string name, string? version = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.GetMlflowModel", () => GetMlflowModelCoreAsync(name, version, false, cancellationToken)).EnsureCompleted();

    private async ValueTask<Response<Mlflow.MlflowModel>> GetMlflowModelCoreAsync(string name, string? version, bool async, CancellationToken cancellationToken)
    {
        Response<Model> model = await GetCoreAsync(name, version, version is null ? "latest" : null, async, cancellationToken).ConfigureAwait(false);
        Mlflow.MlflowModel mlmodel = await Storage.ModelDownloader.ReadMlmodelAsync(_client!, model.Value, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(mlmodel, model.GetRawResponse());
    }

    /// <summary>Archives a model version, or the whole model when <paramref name="version"/> is null; archived models are hidden from default lists.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version, or null for the model container.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<Response> ArchiveAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.Archive", () => SetArchivedAsync(name, version, true, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="ArchiveAsync"/>
    public virtual Response Archive(string name, string? version = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.Archive", () => SetArchivedAsync(name, version, true, false, cancellationToken)).EnsureCompleted();

    /// <summary>Restores an archived model version, or the whole model when <paramref name="version"/> is null.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version, or null for the model container.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public virtual async Task<Response> RestoreAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.Restore", () => SetArchivedAsync(name, version, false, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="RestoreAsync"/>
    public virtual Response Restore(string name, string? version = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "ModelOperations.Restore", () => SetArchivedAsync(name, version, false, false, cancellationToken)).EnsureCompleted();

    private async ValueTask<Response<string>> DownloadCoreAsync(string name, string version, string directory, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        Response<Model> model = await GetCoreAsync(name, version, null, async, cancellationToken).ConfigureAwait(false);
        string local = await Storage.ModelDownloader.DownloadAsync(_client!, model.Value, directory, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(local, model.GetRawResponse());
    }

    private async ValueTask<Response> SetArchivedAsync(string name, string? version, bool archived, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateAssetName(name, "model", nameof(name));
        if (version is not null)
        {
            // A version is updated by PUTting it back unchanged except for isArchived (its path stays the same).
            Response<ModelVersionData> current = await Rest.SendAsync(
                RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.ModelVersionPath(name, version)), null, WireJsonContext.Default.ModelVersionData, async, cancellationToken).ConfigureAwait(false);
            ModelVersionData data = current.Value;
            data.Properties ??= new();
            data.Properties.IsArchived = archived;
            // What the service computes is not sent back (the Python SDK does not either): the stage follows isArchived.
            data.Properties.Stage = null;
            data.Properties.ProvisioningState = null;
            return await Rest.SendAsync(RequestMethod.Put, Rest.WorkspaceUri(ResourceIds.ModelVersionPath(name, version)),
                ArmRestClient.Json(new ModelVersionData { Properties = data.Properties }, WireJsonContext.Default.ModelVersionData), async, cancellationToken).ConfigureAwait(false);
        }
        Response<ModelContainerData> container = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.ModelPath(name)), null, WireJsonContext.Default.ModelContainerData, async, cancellationToken).ConfigureAwait(false);
        ModelContainerPropertiesData properties = container.Value.Properties ?? new();
        properties.IsArchived = archived;
        return await Rest.SendAsync(RequestMethod.Put, Rest.WorkspaceUri(ResourceIds.ModelPath(name)),
            ArmRestClient.Json(new ModelContainerData { Properties = properties }, WireJsonContext.Default.ModelContainerData), async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves what a deployment's model reference means to the ARM id of a registered version, registering a new <see cref="Model"/>.</summary>
    internal async ValueTask<string> ResolveIdAsync(ModelReference reference, bool async, CancellationToken cancellationToken)
    {
        if (reference.Model is { } model)
        {
            return model.Id ?? (await CreateOrUpdateCoreAsync(model, null, async, cancellationToken).ConfigureAwait(false)).Value.Id!;
        }
        ParsedModelReference parsed = ModelReferences.Parse(reference.Reference!, Rest);
        if (parsed.Id is not null)
        {
            return parsed.Id;
        }
        Response<Model> labelled = await GetCoreAsync(parsed.Name!, null, parsed.Label, async, cancellationToken).ConfigureAwait(false);
        return labelled.Value.Id!;
    }

    private async ValueTask<Response<Model>> CreateOrUpdateCoreAsync(Model model, IProgress<UploadProgress>? progress, bool async, CancellationToken cancellationToken)
    {
        ModelRules.ValidateForRegistration(model);
        Storage.LocalModelRegistration? local = ModelRules.IsRemote(model.Path!)
            ? null
            : await Storage.LocalModelRegistration.PrepareAsync(model, async, cancellationToken).ConfigureAwait(false);
        string name = model.Name!;
        string version = model.Version ?? await NextVersionAsync(name, async, cancellationToken).ConfigureAwait(false);
        string path = local is null
            ? DatastoreUris.ToLongForm(model.Path!, Rest)
            : await local.UploadAsync(_client!, model, version, progress, async, cancellationToken).ConfigureAwait(false);
        string? jobName = model.JobName ?? DatastoreUris.JobName(path);
        ModelVersionData body = ModelMapper.ToWire(model, path, jobName, local?.Mlflow?.ToServiceFlavors());

        Response<ModelVersionData> response = await Rest.SendAsync(
            RequestMethod.Put, Rest.WorkspaceUri(ResourceIds.ModelVersionPath(name, version)),
            ArmRestClient.Json(body, WireJsonContext.Default.ModelVersionData),
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
        Response<ModelVersionData> newest = await Rest.NewestVersionAsync(
            ResourceIds.ModelPath(name), WireJsonContext.Default.ResourceListModelVersionData, $"Model '{name}'", "ModelNotFound", async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(ModelMapper.FromWire(newest.Value), newest.GetRawResponse());
    }

    private ArmPageable<Model> Pages(string? name, ListViewType listViewType, CancellationToken cancellationToken)
    {
        string view = "listViewType=" + listViewType;
        return name is null
            ? Rest.Pageable("ModelOperations.List", Rest.WorkspaceUri("/models", view), WireJsonContext.Default.ResourceListModelContainerData, ModelMapper.FromWire, cancellationToken)
            : Rest.Pageable("ModelOperations.List", Rest.WorkspaceUri(ResourceIds.ModelPath(name) + "/versions", view), WireJsonContext.Default.ResourceListModelVersionData, ModelMapper.FromWire, cancellationToken);
    }
}
