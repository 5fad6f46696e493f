namespace AzureMlflow.Deploy.Emulator.Lro;

/// <summary>
/// Keeps long-running operations (and batch jobs) in progress until released, so a test can observe an operation while
/// it runs however fast or slow the machine is. Made by <see cref="WorkspaceEmulator.HoldOperations"/>; releasing it
/// lets held operations end at their next status read (or at once, when their provisioning time is already up).
/// </summary>
public sealed class OperationHold : IDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<OperationHold> _onRelease;

    internal OperationHold(string? resourceName, bool jobsOnly, Action<OperationHold> onRelease)
    {
        ResourceName = resourceName;
        JobsOnly = jobsOnly;
        _onRelease = onRelease;
    }

    /// <summary>True when only batch jobs are held (<see cref="WorkspaceEmulator.HoldJobs"/>): creates, updates and deletes go ahead.</summary>
    public bool JobsOnly { get; }

    /// <summary>The endpoint, deployment or job name held; null when every operation is held.</summary>
    public string? ResourceName { get; }

    /// <summary>True once <see cref="Release"/> (or <see cref="Dispose"/>) was called.</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    internal Task Released => _released.Task;

    internal bool Holds(params ReadOnlySpan<string?> names)
    {
        if (ResourceName is null)
        {
            return true;
        }
        foreach (string? name in names)
        {
            if (string.Equals(name, ResourceName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Lets the held operations end. Calling it again does nothing.</summary>
    public void Release()
    {
        if (_released.TrySetResult())
        {
            _onRelease(this);
        }
    }

    /// <summary>Same as <see cref="Release"/>.</summary>
    public void Dispose() => Release();
}
