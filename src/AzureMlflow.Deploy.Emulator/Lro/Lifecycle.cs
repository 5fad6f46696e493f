using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Lro;

/// <summary>The delete every endpoint and deployment shares: refuse while busy, mark Deleting, answer 202, remove when done.</summary>
internal static class Lifecycle
{
    public static ArmResult BeginDelete(HttpRequest request, WorkspaceState state, ITrackedResource resource, string what, string operationPrefix, Action remove)
    {
        OnlineEndpointRoutes.EnsureIdle(resource.ActiveOperation, $"{what} '{resource.Name}'");
        resource.Properties["provisioningState"] = "Deleting";
        resource.ActiveOperation = state.StartOperation(operationPrefix, resource.Name,
            onSucceeded: remove,
            onFailed: _ => resource.Properties["provisioningState"] = "Failed",
            isDelete: true);
        return OperationUrls.Accepted(ArmResult.NullBody(202), request, state, resource.ActiveOperation); // the service's body is the JSON literal null
    }
}
