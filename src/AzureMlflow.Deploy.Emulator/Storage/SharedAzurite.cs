namespace AzureMlflow.Deploy.Emulator.Storage;

/// <summary>
/// One Azurite per launcher for all the emulators of a process: the first emulator that needs storage starts it, later
/// ones reuse it (each workspace keeps its blobs in containers of its own), and it stops once no emulator has used it
/// for <see cref="IdleTimeout"/>, or when the process exits. A test run that starts an emulator per fixture thus pays
/// for one Azurite start, not one per fixture.
/// </summary>
internal sealed class SharedAzurite
{
    /// <summary>How long Azurite outlives the last emulator using it, so the next fixture's emulator finds it running.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, SharedAzurite> ByLauncher = new(StringComparer.Ordinal);
    private static readonly Lock Registry = new();

    private readonly string _launcher;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AzuriteProcess? _process;
    private int _leases;
    private CancellationTokenSource? _idle;

    private SharedAzurite(string launcher) => _launcher = launcher;

    static SharedAzurite() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (Registry)
        {
            foreach (SharedAzurite shared in ByLauncher.Values)
            {
                shared._process?.Terminate();
            }
        }
    };

    /// <summary>A lease on the running Azurite (started if needed); dispose it when the emulator stops.</summary>
    public static Task<Lease> AcquireAsync(string launcher, CancellationToken cancellationToken)
    {
        SharedAzurite shared;
        lock (Registry)
        {
            if (!ByLauncher.TryGetValue(launcher, out shared!))
            {
                ByLauncher[launcher] = shared = new SharedAzurite(launcher);
            }
        }
        return shared.AcquireAsync(cancellationToken);
    }

    private async Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _idle?.Cancel();
            _idle = null;
            if (_process is null || _process.HasExited)
            {
                if (_process is not null)
                {
                    await _process.DisposeAsync().ConfigureAwait(false);
                }
                _process = null;
                _process = await AzuriteProcess.StartAsync(_launcher, cancellationToken).ConfigureAwait(false);
            }
            _leases++;
            return new Lease(this, _process.BlobEndpoint);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReleaseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (--_leases > 0)
            {
                return;
            }
            var idle = new CancellationTokenSource();
            _idle = idle;
            _ = StopWhenIdleAsync(idle.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopWhenIdleAsync(CancellationToken stillNeeded)
    {
        try
        {
            await Task.Delay(IdleTimeout, stillNeeded).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_leases == 0 && !stillNeeded.IsCancellationRequested && _process is not null)
            {
                await _process.DisposeAsync().ConfigureAwait(false);
                _process = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One emulator's use of the shared Azurite.</summary>
    public sealed class Lease(SharedAzurite owner, Uri blobEndpoint) : IAsyncDisposable
    {
        private int _disposed;

        /// <summary>The service root, such as <c>http://127.0.0.1:41234/</c>.</summary>
        public Uri BlobEndpoint { get; } = blobEndpoint;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? new ValueTask(owner.ReleaseAsync()) : ValueTask.CompletedTask;
    }
}
