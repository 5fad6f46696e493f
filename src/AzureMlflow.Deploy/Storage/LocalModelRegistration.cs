using Azure;
using Azure.Storage.Blobs;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Storage;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// The "from a local folder" path of model registration, in the order that keeps failures cheap and safe:
/// everything that can be checked locally (folder, MLmodel, no-code limits, ignore rules, content hash) before any
/// request; then the version, the datastore and the upload; the caller registers the version only after the upload.
/// </summary>
internal sealed class LocalModelRegistration
{
    private LocalModelRegistration(string fullPath, LocalArtifact artifact, string hash, MlflowModel? mlflow)
    {
        FullPath = fullPath;
        Artifact = artifact;
        Hash = hash;
        Mlflow = mlflow;
    }

    public string FullPath { get; }
    public LocalArtifact Artifact { get; }
    public string Hash { get; }

    /// <summary>The parsed MLmodel of an MLflow model (its flavors are registered with the version).</summary>
    public MlflowModel? Mlflow { get; }

    /// <summary>Checks the local model and computes its content hash; no request is made.</summary>
    public static async ValueTask<LocalModelRegistration> PrepareAsync(Model model, bool async, CancellationToken cancellationToken)
    {
        string fullPath = Path.GetFullPath(model.Path!);
        MlflowModel? mlflow = null;
        if (model.Type == ModelType.MlflowModel)
        {
            if (!Directory.Exists(fullPath))
            {
                throw new ArgumentException($"Error with path '{model.Path}': a model of type mlflow_model is a folder containing an MLmodel file.", nameof(model));
            }
            if (!File.Exists(Path.Combine(fullPath, "MLmodel")))
            {
                throw new ArgumentException($"Error with path '{model.Path}': an MLflow model folder must contain an 'MLmodel' file, and this one does not.", nameof(model));
            }
            mlflow = async
                ? await MlflowModel.LoadAsync(fullPath, cancellationToken).ConfigureAwait(false)
                : MlflowModel.Load(fullPath);
            MlflowDeploymentRules.EnsureNoCodeDeployable(mlflow);
        }
        IgnoreRules rules = Directory.Exists(fullPath) ? IgnoreRules.Load(fullPath) : IgnoreRules.None;
        LocalArtifact artifact = LocalArtifact.Scan(fullPath, rules);
        string hash = async
            ? await ContentHash.ComputeAsync(fullPath, rules, cancellationToken).ConfigureAwait(false)
            : ContentHash.Compute(fullPath, rules, cancellationToken);
        return new LocalModelRegistration(fullPath, artifact, hash, mlflow);
    }

    /// <summary>
    /// Uploads (unless the same content is already complete in the datastore) and returns the long
    /// <c>azureml://subscriptions/.../datastores/{ds}/paths/LocalUpload/{hash}/{name}</c> URI to register.
    /// </summary>
    public async ValueTask<string> UploadAsync(MLClient client, Model model, string version, IProgress<UploadProgress>? progress, bool async, CancellationToken cancellationToken)
    {
        string datastoreName = model.Datastore ?? DatastoreOperations.DefaultDatastoreName;
        (BlobContainerClient container, string datastore) = await client.Containers.OpenAsync(datastoreName, async, cancellationToken).ConfigureAwait(false);

        bool isDirectory = Directory.Exists(FullPath);
        var files = Artifact.Files.ToList();
        var plan = new UploadPlan(Hash, Artifact.RootName, isDirectory, files, model.Name!, version);
        MLClientOptions options = client.Rest.Options;
        string remotePath;
        try
        {
            remotePath = await ArtifactUploader.UploadAsync(container, plan, options.UploadConcurrency, options.UploadBlockSize, progress, async, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            client.Containers.Forget(datastoreName); // the next attempt asks for fresh credentials
            throw;
        }
        return DatastoreUris.ToLongForm($"azureml://datastores/{datastore}/paths/{remotePath}", client.Rest);
    }
}
