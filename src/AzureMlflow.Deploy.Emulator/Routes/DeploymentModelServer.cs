using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Python;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// Starts a deployment's model server when the deployment is created, as the service starts its container: a scoring
/// script's <c>init()</c>, or an MLflow model of another flavor than ONNX, runs in the deployment's Python workers, so
/// a model or script whose libraries are missing fails the deployment with the import error in its logs, not the
/// first request.
/// </summary>
internal static class DeploymentModelServer
{
    /// <summary>An online deployment's server (model in <c>properties.model</c>, instances in <c>sku.capacity</c>).</summary>
    public static Task<PythonStart?> StartOnlineAsync(
        WorkspaceState state, DeployedModels models, CustomScorers scorers, string endpointName, string deploymentName, JsonObject body, ModelFiles? files, CancellationToken cancellationToken)
    {
        JsonObject? properties = body["properties"] as JsonObject;
        return StartAsync(state, models, scorers, PythonDeployments.Key(endpointName, deploymentName), JsonBody.String(properties, "model"),
            properties?["codeConfiguration"] as JsonObject, JsonBody.Int(body["sku"] as JsonObject, "capacity") ?? 1, files, cancellationToken);
    }

    /// <summary>A batch deployment's server (model in <c>properties.model.assetId</c>, instances in <c>properties.resources.instanceCount</c>).</summary>
    public static Task<PythonStart?> StartBatchAsync(
        WorkspaceState state, DeployedModels models, CustomScorers scorers, string endpointName, string deploymentName, JsonObject body, ModelFiles? files, CancellationToken cancellationToken)
    {
        JsonObject? properties = body["properties"] as JsonObject;
        return StartAsync(state, models, scorers, PythonDeployments.BatchKey(endpointName, deploymentName), JsonBody.String(properties?["model"] as JsonObject, "assetId"),
            properties?["codeConfiguration"] as JsonObject, JsonBody.Int(properties?["resources"] as JsonObject, "instanceCount") ?? 1, files, cancellationToken);
    }

    /// <summary>Null when nothing needs starting here (ONNX runs in process; custom scorers stand in for the model).</summary>
    private static async Task<PythonStart?> StartAsync(
        WorkspaceState state, DeployedModels models, CustomScorers scorers, string key, string? modelId, JsonObject? code, int instances, ModelFiles? files, CancellationToken cancellationToken)
    {
        // No files is the storage initializer's failure, reported by the create with its own message.
        if (modelId is null || files is not { Names.Count: > 0 } || scorers.Find(ModelRoutes.NameOf(modelId)) is not null)
        {
            return null;
        }
        if (code is not null)
        {
            return await StartScriptAsync(state, models, key, code, files.Uri, instances, cancellationToken).ConfigureAwait(false);
        }
        if (!files.HasMlmodel)
        {
            return null;
        }
        LoadedModel model;
        try
        {
            model = await models.GetAsync(modelId, ModelRoutes.NameOf(modelId), files.Uri).ConfigureAwait(false);
        }
        catch (ScoringError)
        {
            return null; // an MLmodel that cannot be read fails at scoring, with the reason
        }
        if (model.Onnx is not null)
        {
            return null;
        }
        return await models.Python.StartModelAsync(key, model.Directory, model.Flavor, instances, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads the code and the model as the service's storage initializer does and starts the script's workers. Code
    /// or a script that cannot be fetched fails the deployment (as its container would), instead of a deployment that
    /// succeeds and then has nothing to answer requests with.
    /// </summary>
    private static async Task<PythonStart?> StartScriptAsync(
        WorkspaceState state, DeployedModels models, string key, JsonObject code, string modelUri, int instances, CancellationToken cancellationToken)
    {
        string? script = JsonBody.String(code, "scoringScript");
        string? codeId = JsonBody.String(code, "codeId");
        string? codeUri = state.Run(() =>
        {
            try
            {
                return JsonBody.String(AssetIds.Find(state, state.Codes, "codes", codeId ?? string.Empty, "a code", "codeId")?.Properties, "codeUri");
            }
            catch (ServiceException)
            {
                return null; // the create itself refuses it, with the reason
            }
        });
        if (script is null || codeUri is null)
        {
            return null;
        }
        if (await models.DownloadCodeAsync(codeUri, cancellationToken).ConfigureAwait(false) is not { } codeDirectory)
        {
            return CannotFetch("CodeNotFound", $"The code '{codeId}' could not be downloaded: '{codeUri}' names nothing in this workspace's storage.");
        }
        if (!File.Exists(Path.Combine(codeDirectory, script)))
        {
            return CannotFetch("ScoringScriptNotFound", $"The scoring script '{script}' was not found in the code '{codeId}' at '{codeUri}'.");
        }
        if (await models.DownloadForScriptAsync(modelUri, cancellationToken).ConfigureAwait(false) is not { } modelDirectory)
        {
            return CannotFetch("ModelFilesNotFound", $"The model files at '{modelUri}' could not be downloaded.");
        }
        return await models.Python.StartScriptAsync(key, codeDirectory, script, modelDirectory, instances, cancellationToken).ConfigureAwait(false);
    }

    private static PythonStart CannotFetch(string code, string message) =>
        new(new ServiceError("UserError", message, Details: [new ServiceError(code, message)]), [message]);
}
