using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>Creating or updating a <see cref="BatchDeployment"/>.</summary>
public class CreateOrUpdateBatchDeploymentOperation : MLOperation<BatchDeployment>
{
    /// <summary>For mocking.</summary>
    protected CreateOrUpdateBatchDeploymentOperation()
    {
    }

    /// <summary>Resumes an operation from its <see cref="MLOperation{T}.Id"/>.</summary>
    /// <param name="id">The id of an operation started by this library.</param>
    /// <param name="client">A client of the same workspace.</param>
    public CreateOrUpdateBatchDeploymentOperation(string id, MLClient client)
        : this(Lro.LroCore.Rehydrate((client ?? throw new ArgumentNullException(nameof(client))).Rest, id))
    {
    }

    internal CreateOrUpdateBatchDeploymentOperation(Lro.LroCore core)
        : base(core, static response => BatchMapper.FromWire(ArmRestClient.Read(response, WireJsonContext.Default.BatchDeploymentData)))
    {
    }

    /// <summary>
    /// What the environment preflight found before the request (known causes of MLflow serving failures in the local
    /// model's environment files; see <see cref="Mlflow.MlflowServingPreflight"/>). Empty for registered models, for
    /// deployments with a scoring script, and for a resumed operation.
    /// </summary>
    public virtual IReadOnlyList<Mlflow.PreflightFinding> Warnings { get; internal set; } = [];
}
