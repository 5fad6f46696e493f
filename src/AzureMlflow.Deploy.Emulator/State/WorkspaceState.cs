namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>
/// Everything the emulated workspace holds, behind one lock. Every handler runs inside <see cref="Run{T}"/>, which first
/// settles the operations whose time is up, so what a request sees depends only on the clock and earlier requests.
/// </summary>
internal sealed class WorkspaceState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServiceError> _pendingFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Lro.OperationHold> _holds = [];

    public WorkspaceState(EmulatorOptions options)
    {
        Options = options;
        WorkspaceResourceId =
            $"/subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/{options.WorkspaceName}";
    }

    public EmulatorOptions Options { get; }

    /// <summary>The workspace's immutable GUID (<c>properties.workspaceId</c>), also used inside operation ids.</summary>
    public string WorkspaceGuid { get; } = Guid.NewGuid().ToString();

    public string WorkspaceResourceId { get; }

    public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The workspace's tags, description and friendly name, which a PATCH changes.</summary>
    public WorkspaceSettings Settings { get; } = new();

    /// <summary>The workspace's vCPU quota per VM family (<c>quotas</c>), changed with <c>updateQuotas</c>; families not set have the default.</summary>
    public Dictionary<string, long> Quotas { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EndpointRecord> Endpoints { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Batch endpoints and their deployments (the same record types as online ones; keys and tokens unused).</summary>
    public Dictionary<string, EndpointRecord> BatchEndpoints { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Compute clusters and attached computes by name.</summary>
    public Dictionary<string, ComputeRecord> Computes { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, AssetContainerRecord> Models { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Environment containers and their versions.</summary>
    public Dictionary<string, AssetContainerRecord> Environments { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Code assets by name (case-insensitive, like the service's asset names).</summary>
    public Dictionary<string, AssetContainerRecord> Codes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Data asset containers and their versions.</summary>
    public Dictionary<string, AssetContainerRecord> DataAssets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Datastores registered with a PUT (the workspace's own default datastores are not in it).</summary>
    public Dictionary<string, DatastoreRecord> Datastores { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Batch jobs by name.</summary>
    public Dictionary<string, Batch.JobRecord> Jobs { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, OperationRecord> Operations { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>When set, <c>listSecrets</c> hands out read/list-only SAS tokens, so writes to storage get 403.</summary>
    public bool ReadOnlyStorageSecrets { get; set; }

    /// <summary>Runs <paramref name="action"/> under the lock after settling every operation that is due.</summary>
    public T Run<T>(Func<T> action)
    {
        lock (_gate)
        {
            SettleDueOperations();
            return action();
        }
    }

    /// <summary>
    /// Starts an operation on <paramref name="resourceName"/>; it fails with <paramref name="failure"/>, or with a failure
    /// queued for that name.
    /// </summary>
    public OperationRecord StartOperation(string idPrefix, string resourceName, Action? onSucceeded, Action<ServiceError>? onFailed, bool isDelete = false, ServiceError? failure = null,
        System.Text.Json.Nodes.JsonObject? result = null)
    {
        failure = _pendingFailures.Remove(resourceName, out ServiceError? queued) ? queued : failure;
        DateTimeOffset now = Now;
        var operation = new OperationRecord
        {
            Id = $"{idPrefix}:{WorkspaceGuid}:{Guid.NewGuid():N}",
            ResourceName = resourceName,
            StartedAt = now,
            DueAt = now + Options.ProvisioningDuration,
            Failure = failure,
            OnSucceeded = onSucceeded,
            OnFailed = onFailed,
            IsDelete = isDelete,
            Result = result,
            Brief = idPrefix is Lro.OperationKinds.BatchEndpoint or Lro.OperationKinds.BatchDeployment,
        };
        Operations[operation.Id] = operation;
        if (Options.ProvisioningDuration == TimeSpan.Zero && !IsHeld(resourceName))
        {
            operation.Settle();
        }
        return operation;
    }

    public void FailNextOperation(string resourceName, string code, string message)
    {
        lock (_gate)
        {
            _pendingFailures[resourceName] = new ServiceError(code, message);
        }
    }

    /// <summary>How many more batch mini-batch attempts fail with a transient error (a test hook).</summary>
    private int _failingMiniBatches;

    public void FailNextMiniBatches(int count) => Interlocked.Exchange(ref _failingMiniBatches, count);

    /// <summary>True when this mini-batch attempt is one of the ones set to fail.</summary>
    public bool TakeMiniBatchFailure()
    {
        for (int left = Volatile.Read(ref _failingMiniBatches); left > 0; left = Volatile.Read(ref _failingMiniBatches))
        {
            if (Interlocked.CompareExchange(ref _failingMiniBatches, left - 1, left) == left)
            {
                return true;
            }
        }
        return false;
    }

    public void ClearFailures()
    {
        Interlocked.Exchange(ref _failingMiniBatches, 0);
        lock (_gate)
        {
            _pendingFailures.Clear();
            ReadOnlyStorageSecrets = false;
        }
    }

    /// <summary>
    /// Holds operations on <paramref name="resourceName"/> (every resource when null) in progress until released; with
    /// <paramref name="jobsOnly"/>, only the batch jobs it names (or whose endpoint or deployment it names) stay queued.
    /// </summary>
    public Lro.OperationHold Hold(string? resourceName, bool jobsOnly = false)
    {
        lock (_gate)
        {
            var hold = new Lro.OperationHold(resourceName, jobsOnly, released =>
            {
                lock (_gate)
                {
                    _holds.Remove(released);
                }
            });
            _holds.Add(hold);
            return hold;
        }
    }

    /// <summary>Waits while a hold covers any of <paramref name="names"/> (a batch job waits here before it starts running).</summary>
    public async Task WaitWhileHeldAsync(string?[] names, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? released;
            lock (_gate)
            {
                released = _holds.FirstOrDefault(h => h.Holds(names))?.Released;
            }
            if (released is null)
            {
                return;
            }
            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool IsHeld(string resourceName) => _holds.Exists(h => !h.JobsOnly && h.Holds(resourceName));

    private void SettleDueOperations()
    {
        DateTimeOffset now = Now;
        foreach (OperationRecord operation in Operations.Values.Where(o => !o.Settled && o.DueAt <= now && !IsHeld(o.ResourceName)).OrderBy(o => o.DueAt).ToList())
        {
            operation.Settle();
        }
    }
}
