using Azure;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy;

/// <summary>Creating or updating a <see cref="ManagedOnlineEndpoint"/> (including a traffic change).</summary>
public class CreateOrUpdateOnlineEndpointOperation : MLOperation<OnlineEndpoint>
{
    /// <summary>For mocking.</summary>
    protected CreateOrUpdateOnlineEndpointOperation()
    {
    }

    /// <summary>Resumes an operation from its <see cref="MLOperation{T}.Id"/>.</summary>
    /// <param name="id">The id of an operation started by this library.</param>
    /// <param name="client">A client of the same workspace.</param>
    public CreateOrUpdateOnlineEndpointOperation(string id, MLClient client)
        : this(Lro.LroCore.Rehydrate((client ?? throw new ArgumentNullException(nameof(client))).Rest, id))
    {
    }

    internal CreateOrUpdateOnlineEndpointOperation(Lro.LroCore core)
        : base(core, static response => EndpointMapper.FromWire(ArmRestClient.Read(response, WireJsonContext.Default.OnlineEndpointData)))
    {
    }
}
