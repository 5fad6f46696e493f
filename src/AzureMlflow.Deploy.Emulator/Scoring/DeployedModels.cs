using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>A registered model as a deployment runs it: its MLmodel and, for the onnx flavor, a loaded ONNX session.</summary>
internal sealed record LoadedModel(string Name, MlmodelFile Mlmodel, OnnxScorer? Onnx);

/// <summary>
/// Loads deployed models the way the service's storage initializer does: downloads the model version's files from its
/// datastore (Azurite) into a local folder, once per model version, and reads the MLmodel.
/// </summary>
internal sealed partial class DeployedModels(WorkspaceState state, BlobStore? store) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<LoadedModel>>> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _cache = Directory.CreateTempSubdirectory("aml-emulator-models-").FullName;

    [GeneratedRegex("/datastores/(?<ds>[^/]+)/paths/(?<path>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DatastorePath();

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

    public void Dispose()
    {
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

    private async Task<LoadedModel> LoadAsync(string modelName, string modelUri, CancellationToken cancellationToken)
    {
        Match match = DatastorePath().Match(modelUri);
        if (!match.Success || store is null)
        {
            throw new ScoringError(424, $"The emulator can only score models whose files are in a workspace datastore; '{modelUri}' is not.");
        }
        string container = DatastoreRoutes.Containers(state).FirstOrDefault(d => d.Name.Equals(match.Groups["ds"].Value, StringComparison.OrdinalIgnoreCase)).Container
            ?? throw new ScoringError(424, $"Datastore '{match.Groups["ds"].Value}' does not exist.");
        string prefix = match.Groups["path"].Value.TrimEnd('/');
        string local = Path.Combine(_cache, Guid.NewGuid().ToString("N"));
        BlobContainerClient blobs = store.Service.GetBlobContainerClient(container);
        int count = 0;
        await foreach (BlobItem blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix + "/", cancellationToken).ConfigureAwait(false))
        {
            string target = Path.GetFullPath(Path.Combine(local, blob.Name[(prefix.Length + 1)..]));
            if (!target.StartsWith(local + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await blobs.GetBlobClient(blob.Name).DownloadToAsync(target, cancellationToken).ConfigureAwait(false);
            count++;
        }
        string mlmodelPath = Path.Combine(local, "MLmodel");
        if (count == 0 || !File.Exists(mlmodelPath))
        {
            throw new ScoringError(424, $"Model '{modelName}' has no MLmodel file at '{modelUri}'; the emulator scores MLflow models only.");
        }
        MlmodelFile mlmodel = MlmodelFile.Parse(await File.ReadAllTextAsync(mlmodelPath, cancellationToken).ConfigureAwait(false));
        OnnxScorer? onnx = mlmodel.OnnxFile is { } file ? new OnnxScorer(Path.Combine(local, file)) : null;
        return new LoadedModel(modelName, mlmodel, onnx);
    }
}
