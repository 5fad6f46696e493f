using Azure;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>
/// Creating or updating a <see cref="ManagedOnlineDeployment"/>. When it fails, the exception says why and
/// <see cref="GetLogsAsync"/> reads the deployment's container logs.
/// </summary>
public class CreateOrUpdateOnlineDeploymentOperation : MLOperation<OnlineDeployment>
{
    /// <summary>For mocking.</summary>
    protected CreateOrUpdateOnlineDeploymentOperation()
    {
    }

    /// <summary>Resumes an operation from its <see cref="MLOperation{T}.Id"/>.</summary>
    /// <param name="id">The id of an operation started by this library.</param>
    /// <param name="client">A client of the same workspace.</param>
    public CreateOrUpdateOnlineDeploymentOperation(string id, MLClient client)
        : this(Lro.LroCore.Rehydrate((client ?? throw new ArgumentNullException(nameof(client))).Rest, id))
    {
    }

    internal CreateOrUpdateOnlineDeploymentOperation(Lro.LroCore core)
        : base(core, static response => DeploymentMapper.FromWire(ArmRestClient.Read(response, WireJsonContext.Default.OnlineDeploymentData)))
    {
    }

    /// <summary>Reads the last lines of the deployment's logs, typically after the operation failed.</summary>
    /// <param name="lines">How many lines from the end (at least 1).</param>
    /// <param name="containerType">The inference server (the default when null) or the model-downloading storage initializer.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual Task<Response<string>> GetLogsAsync(int lines = 100, ContainerType? containerType = null, CancellationToken cancellationToken = default) =>
        DeploymentLogs.GetAsync(Core.Client, Core.ResourceUri, lines, containerType ?? ContainerType.InferenceServer, true, cancellationToken).AsTask();

    /// <summary>Reads the last lines of the deployment's logs, typically after the operation failed.</summary>
    /// <param name="lines">How many lines from the end (at least 1).</param>
    /// <param name="containerType">The inference server (the default when null) or the model-downloading storage initializer.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual Response<string> GetLogs(int lines = 100, ContainerType? containerType = null, CancellationToken cancellationToken = default) =>
        DeploymentLogs.GetAsync(Core.Client, Core.ResourceUri, lines, containerType ?? ContainerType.InferenceServer, false, cancellationToken).EnsureCompleted();

    /// <summary>
    /// What the environment preflight found before the request (known causes of MLflow serving failures in the local
    /// model's environment files; see <see cref="Mlflow.MlflowServingPreflight"/>). Empty for registered models, for
    /// deployments with a scoring script, and for a resumed operation.
    /// </summary>
    public virtual IReadOnlyList<Mlflow.PreflightFinding> Warnings { get; internal set; } = [];
}
