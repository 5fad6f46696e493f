using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.Python;

/// <summary>
/// One deployment instance's long-lived Python process (<c>mlflow_worker.py</c>): a JSON object per line on stdin,
/// one answer per line on stdout, one request at a time. What the model prints arrives on stderr and is kept as the
/// instance's log lines.
/// </summary>
internal sealed class PythonWorker : IDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentQueue<string> _log;

    private PythonWorker(Process process, ConcurrentQueue<string> log)
    {
        _process = process;
        _log = log;
    }

    public static PythonWorker Start(string python, string script, ConcurrentQueue<string> log)
    {
        var start = new ProcessStartInfo(python, ["-u", script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["PYTHONUNBUFFERED"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"'{python}' could not be started.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return new PythonWorker(process, log);
    }

    /// <summary>Sends one message and reads its answer; a worker that died answers with what it left in the log.</summary>
    public async Task<JsonObject> SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteLineAsync(message.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            string? line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            return line is not null && JsonNode.Parse(line) is JsonObject answer
                ? answer
                : new JsonObject { ["ok"] = false, ["status"] = 0, ["message"] = "The Python worker exited: " + string.Join(" | ", _log.TakeLast(3)) };
        }
        catch (IOException ex)
        {
            return new JsonObject { ["ok"] = false, ["status"] = 0, ["message"] = $"The Python worker exited ({ex.Message})." };
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                // Killing is a signal; once Dispose returns, the worker is gone (a deleted deployment leaves nothing running).
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _turn.Dispose();
    }
}
