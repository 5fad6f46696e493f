using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.Batch;

/// <summary>A batch scoring job: what it reads, where it writes, how far it is, and its log.</summary>
internal sealed class JobRecord
{
    private readonly List<string> _log = [];

    public required string Name { get; init; }
    public required string EndpointName { get; init; }
    public required string DeploymentName { get; init; }

    /// <summary>The ARM id of the compute the deployment runs on.</summary>
    public string? ComputeId { get; init; }
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

    /// <summary>True once the job's log is in the artifact store (run history lists it from then on).</summary>
    public bool LogUploaded { get; set; }

    public bool IsTerminal => Status is "Completed" or "Failed" or "Canceled";

    /// <summary>The scoring step's child run, whose <c>score</c> output run history names (<c>azureml.moduleName</c> batchscoring).</summary>
    public string ScoringRunId => $"{Name}_batchscoring";

    /// <summary>When the job last changed state.</summary>
    public DateTimeOffset LastModifiedAt => EndedAt ?? StartedAt ?? CreatedAt;

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
