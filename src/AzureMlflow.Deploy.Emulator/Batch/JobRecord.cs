using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.Batch;

/// <summary>A batch scoring job: what it reads, where it writes, how far it is, and its log.</summary>
internal sealed class JobRecord
{
    private readonly List<string> _log = [];

    public required string Name { get; init; }
    public required string EndpointName { get; init; }
    public required string DeploymentName { get; init; }
    public required JsonObject Inputs { get; init; }
    public required string OutputUri { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? RepeatabilityId { get; init; }
    public CancellationTokenSource Cancellation { get; } = new();
    public SemaphoreSlim LogWrites { get; } = new(1, 1);

    /// <summary>NotStarted, Queued, Running, Completed, Failed, CancelRequested, Canceled.</summary>
    public string Status { get; set; } = "NotStarted";
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public (string Code, string Message)? Error { get; set; }

    public bool IsTerminal => Status is "Completed" or "Failed" or "Canceled";

    public void Log(DateTimeOffset now, string line)
    {
        lock (_log)
        {
            _log.Add($"{now:yyyy-MM-dd HH:mm:ss.fff} {line}");
        }
    }

    public string LogText()
    {
        lock (_log)
        {
            return string.Join('\n', _log) + (_log.Count > 0 ? "\n" : "");
        }
    }
}
