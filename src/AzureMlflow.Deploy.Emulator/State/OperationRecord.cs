using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>
/// One long-running operation. It is in progress until <see cref="DueAt"/>, then ends the way it was decided when it
/// started; its effect on the workspace is applied the first time any request arrives after that (no timers, so tests
/// are deterministic).
/// </summary>
internal sealed class OperationRecord
{
    public required string Id { get; init; }
    public required string ResourceName { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Set when the operation was told to fail; null when it will succeed.</summary>
    public ServiceError? Failure { get; init; }

    /// <summary>What success does to the workspace (runs under the state lock).</summary>
    public Action? OnSucceeded { get; init; }

    /// <summary>What failure does to the workspace (runs under the state lock).</summary>
    public Action<ServiceError>? OnFailed { get; init; }

    /// <summary>What the operation result (<c>Location</c>) answers once it succeeded, for an action with a result (a diagnosis).</summary>
    public System.Text.Json.Nodes.JsonObject? Result { get; init; }

    /// <summary>True for deletes: the Location URL then answers 204 rather than 200.</summary>
    public bool IsDelete { get; init; }

    public bool Settled { get; private set; }

    /// <summary>The service reports a running create, update or delete as <c>Updating</c> (never <c>InProgress</c>).</summary>
    public string Status => !Settled ? "Updating" : Failure is null ? "Succeeded" : "Failed";

    /// <summary>Batch endpoint and deployment operations report only id, name and status (and the error).</summary>
    public bool Brief { get; init; }

    public void Settle()
    {
        if (Settled)
        {
            return;
        }
        Settled = true;
        if (Failure is null)
        {
            OnSucceeded?.Invoke();
        }
        else
        {
            OnFailed?.Invoke(Failure);
        }
    }

    /// <summary>
    /// The operation status resource, shaped as the service returns it: <c>id</c>, <c>name</c>, <c>startTime</c>,
    /// <c>endTime</c> (.NET's minimum date while running), <c>percentComplete</c> (always 0) and <c>status</c>; batch
    /// operations only <c>id</c>, <c>name</c> and <c>status</c>; the error once failed.
    /// </summary>
    public JsonObject ToStatusResource(string statusId)
    {
        var status = new JsonObject { ["id"] = statusId, ["name"] = Id };
        if (!Brief)
        {
            status["startTime"] = StartedAt.ToString("O");
            status["endTime"] = Settled ? DueAt.ToString("O") : "0001-01-01T00:00:00+00:00";
            status["percentComplete"] = 0.0;
        }
        status["status"] = Status;
        if (Settled && Failure is not null)
        {
            status["error"] = Failure.ToJson();
        }
        return status;
    }
}
