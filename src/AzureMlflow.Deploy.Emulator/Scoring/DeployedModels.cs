using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>
/// A registered model as a deployment runs it: its MLmodel, the local folder it was downloaded to and, for the onnx
/// flavor, a loaded ONNX session (other flavors run in the deployment's Python workers).
/// </summary>
internal sealed record LoadedModel(string Name, MlmodelFile Mlmodel, OnnxScorer? Onnx, string Directory)
{
    /// <summary>The flavor that loads the model (the first one other than python_function).</summary>
    public string Flavor => Mlmodel.Flavors.FirstOrDefault(f => f != "python_function") ?? "python_function";
}

/// <summary>What the storage initializer finds at a model's path: its files (relative names) and whether an MLmodel is at the top.</summary>
internal sealed record ModelFiles(string Uri, IReadOnlyList<string> Names)
{
    public bool HasMlmodel => Names.Contains("MLmodel", StringComparer.Ordinal);
}

/// <summary>
/// Loads deployed models the way the service's storage initializer does: downloads the model version's files from its
/// datastore (Azurite) into a local folder, once per model version, and reads the MLmodel.
/// </summary>
internal sealed class DeployedModels(WorkspaceState state, BlobStore? store) : IDisposable
{
    /// <summary>The Python workers of deployments whose models are not ONNX.</summary>
    public Python.PythonDeployments Python { get; } = new(state.Options);

    private readonly ConcurrentDictionary<string, Lazy<Task<LoadedModel>>> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _cache = Directory.CreateTempSubdirectory("aml-emulator-models-").FullName;

    /// <summary>The loaded model, downloading it on first use; a failed load is retried by the next request.</summary>
    public Task<LoadedModel> GetAsync(string modelId, string modelName, string modelUri)
    {
        Lazy<Task<LoadedModel>> entry = _loaded.GetOrAdd(modelId, _ => new Lazy<Task<LoadedModel>>(() => LoadAsync(modelName, modelUri, CancellationToken.None)));
        if (entry.IsValueCreated && entry.Value.IsFaulted)
        {
            _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<LoadedModel>>>(modelId, entry));
        }
        return entry.Value;
    }

    /// <summary>
    /// The files at a model's path, as a deployment's storage initializer would download them, or null when the emulator
    /// cannot look (no storage, or a path outside this workspace's datastores, such as a registry or a run).
    /// </summary>
    public async Task<ModelFiles?> ListFilesAsync(string modelUri, CancellationToken cancellationToken)
    {
        if (store is null || DatastorePaths.Locate(state, modelUri) is not (_, string container, string path))
        {
            return null;
        }
        // A model path names a folder or, for custom models, a single file.
        var names = new List<string>();
        await foreach (BlobItem blob in store.Service.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, path, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name == path)
            {
                names.Add(path[(path.LastIndexOf('/') + 1)..]);
            }
            else if (blob.Name.StartsWith(path + "/", StringComparison.Ordinal))
            {
                names.Add(blob.Name[(path.Length + 1)..]);
            }
        }
        return new ModelFiles(modelUri, names);
    }

    /// <summary>
    /// Downloads a model for a scoring script as the service lays it out: the folder <c>AZUREML_MODEL_DIR</c> names holds
    /// the model's folder (or single file) under its own name. Null when the emulator cannot reach the model's files.
    /// </summary>
    public async Task<string?> DownloadForScriptAsync(string modelUri, CancellationToken cancellationToken)
    {
        if (store is null || DatastorePaths.Locate(state, modelUri) is not (_, string container, string path))
        {
            return null;
        }
        string root = Path.Combine(_cache, Guid.NewGuid().ToString("N"));
        BlobContainerClient blobs = store.Service.GetBlobContainerClient(container);
        string name = path[(path.LastIndexOf('/') + 1)..];
        if (await DownloadAsync(blobs, path + "/", Path.Combine(root, name), cancellationToken).ConfigureAwait(false) == 0)
        {
            Directory.CreateDirectory(root);
            await blobs.GetBlobClient(path).DownloadToAsync(Path.Combine(root, name), cancellationToken).ConfigureAwait(false);
        }
        return root;
    }

    /// <summary>
    /// Downloads a code asset's folder into a folder of its own. Its <c>codeUri</c> may be any form the service accepts: a
    /// datastore URI (<c>azureml://datastores/{name}/paths/{path}</c>, short or with the workspace, as azure-ai-ml
    /// registers code) or a blob URL in the workspace's storage (as the .NET SDK and the CLI upload it). Null when the
    /// URI names nothing in this workspace's storage.
    /// </summary>
    public async Task<string?> DownloadCodeAsync(string codeUri, CancellationToken cancellationToken)
    {
        if (store is null || CodeLocation(codeUri) is not (string container, string folder))
        {
            return null;
        }
        string local = Path.Combine(_cache, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(local);
        await DownloadAsync(store.Service.GetBlobContainerClient(container), folder.Length == 0 ? string.Empty : folder + "/", local, cancellationToken).ConfigureAwait(false);
        return local;
    }

    /// <summary>The container and folder a code URI names in this workspace's storage; null when it names none.</summary>
    private (string Container, string Folder)? CodeLocation(string codeUri)
    {
        if (DatastorePaths.Locate(state, codeUri) is (_, string container, string path))
        {
            return (container, path.Trim('/'));
        }
        if (Uri.TryCreate(codeUri, UriKind.Absolute, out Uri? uri) && uri.AbsoluteUri.StartsWith(store!.AccountUri.AbsoluteUri.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))
        {
            var blob = new BlobUriBuilder(uri);
            return (blob.BlobContainerName, blob.BlobName.Trim('/'));
        }
        return null;
    }

    /// <summary>Downloads the blobs under <paramref name="prefix"/> into <paramref name="local"/> (paths kept, nothing written outside it); returns how many.</summary>
    private static async Task<int> DownloadAsync(BlobContainerClient blobs, string prefix, string local, CancellationToken cancellationToken)
    {
        int count = 0;
        await foreach (BlobItem blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            string target = Path.GetFullPath(Path.Combine(local, blob.Name[prefix.Length..]));
            if (!target.StartsWith(Path.GetFullPath(local) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await blobs.GetBlobClient(blob.Name).DownloadToAsync(target, cancellationToken).ConfigureAwait(false);
            count++;
        }
        return count;
    }

    public void Dispose()
    {
        Python.Dispose();
        foreach (Lazy<Task<LoadedModel>> model in _loaded.Values.Where(m => m.IsValueCreated && m.Value.IsCompletedSuccessfully))
        {
            model.Value.Result.Onnx?.Dispose();
        }
        try
        {
            Directory.Delete(_cache, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Downloads a model version's folder as the storage initializer does, reads its MLmodel and, for ONNX, opens a session.</summary>
    private async Task<LoadedModel> LoadAsync(string modelName, string modelUri, CancellationToken cancellationToken)
    {
        if (store is null || DatastorePaths.Locate(state, modelUri) is not { } location)
        {
            throw new ScoringError(424, $"The emulator can only score models whose files are in a workspace datastore; '{modelUri}' is not.");
        }
        string container = location.Container ?? throw new ScoringError(424, $"Datastore '{location.Datastore}' does not exist.");
        string local = Path.Combine(_cache, Guid.NewGuid().ToString("N"));
        int count = await DownloadAsync(store.Service.GetBlobContainerClient(container), location.Path + "/", local, cancellationToken).ConfigureAwait(false);
        string mlmodelPath = Path.Combine(local, "MLmodel");
        if (count == 0 || !File.Exists(mlmodelPath))
        {
            throw new ScoringError(424, $"Model '{modelName}' has no MLmodel file at '{modelUri}'; the emulator scores MLflow models only.");
        }
        MlmodelFile mlmodel;
        try
        {
            mlmodel = MlmodelFile.Parse(await File.ReadAllTextAsync(mlmodelPath, cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidDataException ex)
        {
            throw new ScoringError(424, $"Model '{modelName}' cannot be loaded: {ex.Message}");
        }
        OnnxScorer? onnx = mlmodel.OnnxFile is { } file ? new OnnxScorer(Path.Combine(local, file)) : null;
        return new LoadedModel(modelName, mlmodel, onnx, local);
    }
}
