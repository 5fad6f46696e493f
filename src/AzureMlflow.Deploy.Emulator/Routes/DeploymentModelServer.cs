using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Python;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// Starts a no-code deployment's model server when the deployment is created, as the service starts its container:
/// MLflow models of other flavors than ONNX load in the deployment's Python workers, so a model whose libraries are
/// missing fails the deployment with the import error in its logs, not the first request.
/// </summary>
internal static class DeploymentModelServer
{
    /// <summary>Null when nothing needs starting here (ONNX runs in process; custom scorers and scripts stand in for the model).</summary>
    public static async Task<PythonStart?> StartAsync(
        WorkspaceState state, DeployedModels models, CustomScorers scorers, string endpointName, string deploymentName, JsonObject body, ModelFiles? files, CancellationToken cancellationToken)
    {
        JsonObject? properties = body["properties"] as JsonObject;
        string? modelId = JsonBody.String(properties, "model");
        if (files is not { HasMlmodel: true } || modelId is null || properties?["codeConfiguration"] is not null || scorers.Find(ModelRoutes.NameOf(modelId)) is not null)
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
        int instances = JsonBody.Int(body["sku"] as JsonObject, "capacity") ?? 1;
        return await models.Python.StartAsync(PythonDeployments.Key(endpointName, deploymentName), model.Directory, model.Flavor, instances, cancellationToken).ConfigureAwait(false);
    }
}
