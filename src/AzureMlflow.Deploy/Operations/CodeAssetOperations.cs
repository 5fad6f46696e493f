using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Diagnostics;
using AzureMlflow.Deploy.Storage;
using AzureMlflow.Deploy.Uris;
using AzureMlflow.Deploy.Validation;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>
/// Uploads and registers code assets (the folder a scoring script lives in) and reads them back. Reached through
/// <see cref="MLClient.CodeAssets"/>; the counterpart of Python's <c>ml_client.code</c>. Deployments whose
/// <see cref="CodeConfiguration.Code"/> is a local folder go through here.
/// </summary>
public class CodeAssetOperations
{
    private readonly MLClient? _client;

    /// <summary>For mocking.</summary>
    protected CodeAssetOperations()
    {
    }

    internal CodeAssetOperations(MLClient client) => _client = client;

    private MLClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    private ArmRestClient Rest => Client.Rest;

    /// <summary>
    /// Registers code from <see cref="CodeAsset.Path"/>, as the Python SDK and CLI do. A local folder or file: the
    /// content hash is looked up first and code already registered with the same content is returned without an upload
    /// (any registered code for anonymous code; code of the same name otherwise); else the files go to a temporary
    /// container the service hands out (<c>startPendingUpload</c>) and the version is registered only after every file
    /// is uploaded. A datastore URI (<c>azureml://datastores/{name}/paths/{path}</c>) or a URL: registered as given.
    /// </summary>
    /// <param name="code">The code; validated before any request.</param>
    /// <param name="progress">Receives upload progress (bytes and files); may be called from several threads.</param>
    /// <param name="cancellationToken">Cancels the requests and the upload; a cancelled upload is never registered.</param>
    /// <exception cref="ArgumentException">No path, a missing or empty folder, a version without a name, or a bad name.</exception>
    /// <exception cref="RequestFailedException">The service or storage refused a request, e.g. a version already registered with other content.</exception>
    public virtual async Task<Response<CodeAsset>> CreateOrUpdateAsync(CodeAsset code, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "CodeAssetOperations.CreateOrUpdate", () => CreateOrUpdateCoreAsync(code, progress, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="CreateOrUpdateAsync"/>
    public virtual Response<CodeAsset> CreateOrUpdate(CodeAsset code, IProgress<UploadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "CodeAssetOperations.CreateOrUpdate", () => CreateOrUpdateCoreAsync(code, progress, false, cancellationToken)).EnsureCompleted();

    /// <summary>Reads a code version.</summary>
    /// <param name="name">The code asset's name.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<Response<CodeAsset>> GetAsync(string name, string version, CancellationToken cancellationToken = default) =>
        await MlTracing.TraceAsync(Rest.TracingEnabled, "CodeAssetOperations.Get", () => GetCoreAsync(name, version, true, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc cref="GetAsync"/>
    public virtual Response<CodeAsset> Get(string name, string version, CancellationToken cancellationToken = default) =>
        MlTracing.TraceAsync(Rest.TracingEnabled, "CodeAssetOperations.Get", () => GetCoreAsync(name, version, false, cancellationToken)).EnsureCompleted();

    /// <summary>The code id a deployment sends: a local path is registered (or found by content), a reference resolved.</summary>
    internal async ValueTask<string?> ResolveIdAsync(string? code, IProgress<UploadProgress>? progress, bool async, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        if (CodeReferences.Resolve(code, Rest.WorkspaceResourceId) is { } id)
        {
            return id;
        }
        return (await CreateOrUpdateCoreAsync(new CodeAsset(code), progress, async, cancellationToken).ConfigureAwait(false)).Value.Id;
    }

    private async ValueTask<Response<CodeAsset>> CreateOrUpdateCoreAsync(CodeAsset code, IProgress<UploadProgress>? progress, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Name is null && code.Version is not null)
        {
            throw new ArgumentException("If version is specified, name must be specified also.", nameof(code));
        }
        if (code.Name is not null)
        {
            NameRules.ValidateAssetName(code.Name, "code", nameof(code));
        }
        if (string.IsNullOrWhiteSpace(code.Path))
        {
            throw new ArgumentException("The code asset has no Path; give the local folder (or file) to upload.", nameof(code));
        }
        if (IsRemote(code.Path))
        {
            return await RegisterRemoteAsync(code, async, cancellationToken).ConfigureAwait(false);
        }
        string fullPath = Path.GetFullPath(code.Path);
        LocalArtifact artifact = LocalArtifact.Scan(fullPath, Directory.Exists(fullPath) ? IgnoreRules.Load(fullPath) : IgnoreRules.None);
        string hash = await CodeContentHash.ComputeAsync(artifact, async, cancellationToken).ConfigureAwait(false);
        bool anonymous = code.Name is null;
        string name = code.Name ?? Guid.NewGuid().ToString();
        string version = code.Version ?? "1";

        // Any code with this content is found whatever its name; anonymous code takes it, named code only its own.
        Response<ResourceList<CodeVersionData>> found = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.CodePath(name) + "/versions", $"hash={hash}&hashVersion={CodeContentHash.Version}"),
            null, WireJsonContext.Default.ResourceListCodeVersionData, async, cancellationToken).ConfigureAwait(false);
        CodeVersionData? reuse = found.Value.Value?.FirstOrDefault(hit => anonymous
            || (string.Equals(ResourceIds.Segment(hit.Id, "codes"), name, StringComparison.Ordinal) && (code.Version is null || hit.Name == version)));
        if (reuse?.Id is not null)
        {
            return await GetCoreAsync(ResourceIds.Segment(reuse.Id, "codes")!, reuse.Name!, async, cancellationToken).ConfigureAwait(false);
        }

        Uri codeUri = await UploadAsync(name, version, artifact, hash, progress, async, cancellationToken).ConfigureAwait(false);
        var body = new CodeVersionData
        {
            Properties = new CodeVersionPropertiesData
            {
                CodeUri = codeUri.AbsoluteUri,
                Description = code.Description,
                Tags = code.Tags.Count == 0 ? null : new Dictionary<string, string>(code.Tags),
                Properties = new() { [CodeMapper.HashProperty] = hash, [CodeMapper.HashVersionProperty] = CodeContentHash.Version },
                IsAnonymous = anonymous,
                IsArchived = false,
            },
        };
        return await PutVersionAsync(name, version, body, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A datastore URI (<c>azureml://datastores/.../paths/...</c>) or a URL: code already in storage.</summary>
    private static bool IsRemote(string path) =>
        path.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers code that is already in storage, as azure-ai-ml registers a datastore path: no hash to look up and
    /// nothing to upload, the version names the path as given.
    /// </summary>
    private async ValueTask<Response<CodeAsset>> RegisterRemoteAsync(CodeAsset code, bool async, CancellationToken cancellationToken)
    {
        var body = new CodeVersionData
        {
            Properties = new CodeVersionPropertiesData
            {
                CodeUri = code.Path,
                Description = code.Description,
                Tags = code.Tags.Count == 0 ? null : new Dictionary<string, string>(code.Tags),
                IsAnonymous = code.Name is null,
                IsArchived = false,
            },
        };
        return await PutVersionAsync(code.Name ?? Guid.NewGuid().ToString(), code.Version ?? "1", body, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Response<CodeAsset>> PutVersionAsync(string name, string version, CodeVersionData body, bool async, CancellationToken cancellationToken)
    {
        try
        {
            Response<CodeVersionData> response = await Rest.SendAsync(
                RequestMethod.Put, Rest.WorkspaceUri(ResourceIds.CodeVersionPath(name, version)),
                ArmRestClient.Json(body, WireJsonContext.Default.CodeVersionData), WireJsonContext.Default.CodeVersionData, async, cancellationToken).ConfigureAwait(false);
            return Response.FromValue(CodeMapper.FromWire(response.Value), response.GetRawResponse());
        }
        catch (RequestFailedException ex) when (ex.Message.Contains("Asset paths cannot be updated", StringComparison.Ordinal))
        {
            throw new RequestFailedException(ex.Status,
                $"The code asset {name}:{version} is already registered with other content, which cannot be replaced. Give the code a new name or version. (The service said: Asset paths cannot be updated.)",
                ex.ErrorCode, ex);
        }
    }

    /// <summary>Uploads into the temporary container the service hands out; returns the registered code URI (the folder's URL).</summary>
    private async ValueTask<Uri> UploadAsync(string name, string version, LocalArtifact artifact, string hash, IProgress<UploadProgress>? progress, bool async, CancellationToken cancellationToken)
    {
        Response<PendingUploadResponseData> pending = await Rest.SendAsync(
            RequestMethod.Post, Rest.WorkspaceUri(ResourceIds.CodeVersionPath(name, version) + "/startPendingUpload"),
            ArmRestClient.Json(new PendingUploadRequestData(), WireJsonContext.Default.PendingUploadRequestData), WireJsonContext.Default.PendingUploadResponseData,
            async, cancellationToken, secretResponse: true).ConfigureAwait(false);
        BlobReferenceData reference = pending.Value.BlobReferenceForConsumption
            ?? throw new RequestFailedException(pending.GetRawResponse().Status, "The service's startPendingUpload answer has no blob reference to upload the code to.");
        string sasUri = reference.Credential?.SasUri
            ?? throw new RequestFailedException(pending.GetRawResponse().Status, "The service's startPendingUpload answer has no SAS credential for the code upload.");
        string blobUri = (reference.BlobUri ?? new UriBuilder(sasUri) { Query = string.Empty }.Uri.AbsoluteUri).TrimEnd('/');

        var container = new BlobContainerClient(new Uri(sasUri), DatastoreStorage.Options(Rest.Options));
        var plan = new UploadPlan(hash, artifact.RootName, artifact.IsDirectory, [.. artifact.Files], name, version) { AtContainerRoot = true };
        await ArtifactUploader.UploadAsync(container, plan, Rest.Options.UploadConcurrency, Rest.Options.UploadBlockSize, progress, async, cancellationToken).ConfigureAwait(false);
        // Code must point at a folder: the uploaded folder, or the container itself for a single file (as Python registers it).
        return new Uri(artifact.IsDirectory ? $"{blobUri}/{Uri.EscapeDataString(artifact.RootName)}" : blobUri + "/");
    }

    private async ValueTask<Response<CodeAsset>> GetCoreAsync(string name, string version, bool async, CancellationToken cancellationToken)
    {
        NameRules.ValidateAssetName(name, "code", nameof(name));
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        Response<CodeVersionData> response = await Rest.SendAsync(
            RequestMethod.Get, Rest.WorkspaceUri(ResourceIds.CodeVersionPath(name, version)), null, WireJsonContext.Default.CodeVersionData, async, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(CodeMapper.FromWire(response.Value), response.GetRawResponse());
    }
}
