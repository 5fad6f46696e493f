using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>Creating or updating a compute; its value is the compute as the service describes it once provisioned.</summary>
public class CreateOrUpdateComputeOperation : MLOperation<Compute>
{
    /// <summary>For mocking.</summary>
    protected CreateOrUpdateComputeOperation()
    {
    }

    /// <summary>Resumes an operation from its <see cref="MLOperation{T}.Id"/>.</summary>
    /// <param name="id">The id of an operation started by this library.</param>
    /// <param name="client">A client of the same workspace.</param>
    public CreateOrUpdateComputeOperation(string id, MLClient client)
        : this(Lro.LroCore.Rehydrate((client ?? throw new ArgumentNullException(nameof(client))).Rest, id))
    {
    }

    internal CreateOrUpdateComputeOperation(Lro.LroCore core)
        : base(core, static response => ComputeMapper.FromWire(ArmRestClient.Read(response, WireJsonContext.Default.ComputeData)))
    {
    }
}
