using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>Creating or updating a <see cref="BatchEndpoint"/>.</summary>
public class CreateOrUpdateBatchEndpointOperation : MLOperation<BatchEndpoint>
{
    /// <summary>For mocking.</summary>
    protected CreateOrUpdateBatchEndpointOperation()
    {
    }

    /// <summary>Resumes an operation from its <see cref="MLOperation{T}.Id"/>.</summary>
    /// <param name="id">The id of an operation started by this library.</param>
    /// <param name="client">A client of the same workspace.</param>
    public CreateOrUpdateBatchEndpointOperation(string id, MLClient client)
        : this(Lro.LroCore.Rehydrate((client ?? throw new ArgumentNullException(nameof(client))).Rest, id))
    {
    }

    internal CreateOrUpdateBatchEndpointOperation(Lro.LroCore core)
        : base(core, static response => BatchMapper.FromWire(ArmRestClient.Read(response, WireJsonContext.Default.BatchEndpointData)))
    {
    }
}
