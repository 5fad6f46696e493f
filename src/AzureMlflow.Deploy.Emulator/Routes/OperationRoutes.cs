using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>The operation status (<c>Azure-AsyncOperation</c>) and operation result (<c>Location</c>) resources.</summary>
internal static class OperationRoutes
{
    public static void Map(IEndpointRouteBuilder app, WorkspaceState state)
    {
        const string prefix = "/subscriptions/{sub}/providers/Microsoft.MachineLearningServices/locations/{location}";

        app.MapGet(prefix + "/" + OperationUrls.StatusSegment + "/{id}", (HttpRequest request, string id) => state.Run(() =>
        {
            OperationRecord operation = Find(state, id);
            var result = ArmResult.Ok(operation.ToStatusResource(OperationUrls.StatusPath(state, operation.Id)));
            return operation.Settled ? result : OperationUrls.WithRetryAfter(result, state);
        }));

        app.MapGet(prefix + "/" + OperationUrls.ResultSegment + "/{id}", (HttpRequest request, string id) => state.Run(() =>
        {
            OperationRecord operation = Find(state, id);
            if (!operation.Settled)
            {
                return OperationUrls.Accepted(new ArmResult(202), request, state, operation);
            }
            if (operation.Failure is not null)
            {
                return ArmResult.Error(400, operation.Failure);
            }
            return operation.IsDelete ? new ArmResult(204) : ArmResult.Ok(operation.Result?.DeepClone() ?? new System.Text.Json.Nodes.JsonObject());
        }));
    }

    private static OperationRecord Find(WorkspaceState state, string id) =>
        state.Operations.TryGetValue(id, out OperationRecord? operation)
            ? operation
            : throw ServiceException.NotFound("OperationNotFound", $"The operation '{id}' was not found.");
}
