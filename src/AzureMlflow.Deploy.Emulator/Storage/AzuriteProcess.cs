using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.Emulator.Storage;

/// <summary>
/// An Azurite blob service started as a child process on a free loopback port, in-memory, for the lifetime of the
/// emulator. Azurite is the Azure Storage team's own emulator, so uploads and downloads exercise the real Blob REST API.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteProcess(Process process, Uri blobEndpoint)
    {
        _process = process;
        BlobEndpoint = blobEndpoint;
    }

    /// <summary>The service root, such as <c>http://127.0.0.1:41234/</c> (the account name follows as the first path segment).</summary>
    public Uri BlobEndpoint { get; }

    [GeneratedRegex(@"successfully listens on (?<uri>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public static async Task<AzuriteProcess> StartAsync(string launcher, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (string argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--extentMemoryLimit", "1024", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start Azurite from '{launcher}'.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            output.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["uri"].Value + "/"));
            }
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"Azurite exited with code {process.ExitCode} before listening: {string.Join(" | ", output)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            Uri endpoint = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return new AzuriteProcess(process, endpoint);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
