using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// What a deployment's storage initializer finds at its model's path, checked when the deployment is created: a model
/// with no files, or an MLflow model deployed without a scoring script that has no MLmodel, makes the deployment's
/// operation fail (as a container that cannot load its model does on the service) instead of succeeding.
/// </summary>
internal static class DeploymentModelCheck
{
    /// <summary>
    /// The files at the model's path, or null when the emulator cannot tell or need not: no storage, a model outside this
    /// workspace's datastores (a registry, a run), a model id the create itself refuses, or a model a test scores with a
    /// custom scorer (which stands in for the model's container).
    /// </summary>
    public static async Task<ModelFiles?> FilesAsync(WorkspaceState state, DeployedModels models, CustomScorers scorers, string? modelId, CancellationToken cancellationToken)
    {
        if (modelId is null || scorers.Find(ModelRoutes.NameOf(modelId)) is not null)
        {
            return null;
        }
        string? uri = state.Run(() =>
        {
            try
            {
                return JsonBody.String(ModelRoutes.FindById(state, modelId)?.Properties, "modelUri");
            }
            catch (ServiceException)
            {
                return null;
            }
        });
        return uri is null ? null : await models.ListFilesAsync(uri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why the deployment's container cannot load its model, as the operation's error; null when it can.</summary>
    public static ServiceError? Failure(ModelFiles? files, string modelId, bool needsMlmodel)
    {
        if (files is null)
        {
            return null;
        }
        if (files.Names.Count == 0)
        {
            return new ServiceError("UserError", $"The model '{modelId}' could not be downloaded: there are no files at '{files.Uri}'.",
                Details: [new ServiceError("ModelFilesNotFound", $"No files were found at '{files.Uri}'.")]);
        }
        if (needsMlmodel && !files.HasMlmodel)
        {
            return new ServiceError("UserError",
                $"The model '{modelId}' has no MLmodel file at '{files.Uri}': a deployment without a scoring script and environment needs an MLflow model.",
                Details: [new ServiceError("MlflowModelNotFound", $"MLmodel was not found among the {files.Names.Count} file(s) at '{files.Uri}'.")]);
        }
        return null;
    }
}
