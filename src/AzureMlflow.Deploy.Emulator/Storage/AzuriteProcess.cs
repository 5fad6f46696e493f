using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.Emulator.Storage;

/// <summary>
/// An Azurite blob service started as a child process on a free loopback port, with its data in a temp folder, shared by
/// the process's emulators (<see cref="SharedAzurite"/>). Azurite is the Azure Storage team's own emulator, so uploads and downloads exercise the real Blob REST API.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private AzuriteProcess(Process process, Uri blobEndpoint, string dataDirectory)
    {
        _process = process;
        BlobEndpoint = blobEndpoint;
        _dataDirectory = dataDirectory;
    }

    /// <summary>The service root, such as <c>http://127.0.0.1:41234/</c> (the account name follows as the first path segment).</summary>
    public Uri BlobEndpoint { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Stops Azurite at once and removes its data (at process exit: a few seconds at most, no async continuations).</summary>
    public void Terminate()
    {
        Kill(_process);
        try
        {
            _process.WaitForExit(TimeSpan.FromSeconds(5)); // its files are released once it has exited
        }
        catch (InvalidOperationException)
        {
        }
        DeleteQuietly(_dataDirectory);
    }

    [GeneratedRegex(@"successfully listens on (?<uri>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public static async Task<AzuriteProcess> StartAsync(string launcher, CancellationToken cancellationToken)
    {
        string data = Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (string argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", data, "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent" })
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
            return new AzuriteProcess(process, endpoint, data);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            DeleteQuietly(data);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
        DeleteQuietly(_dataDirectory);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the exiting process; the temp folder is cleaned up by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
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
