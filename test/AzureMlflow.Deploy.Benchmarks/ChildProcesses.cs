using System.Diagnostics;

namespace AzureMlflow.Deploy.Benchmarks;

/// <summary>Starts this program again in another mode (<c>dotnet AzureMlflow.Deploy.Benchmarks.dll --mode ...</c>).</summary>
internal static class ChildProcesses
{
    public static ProcessStartInfo Self(params string[] arguments)
    {
        string? host = Environment.ProcessPath;
        if (host is null || !Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            host = "dotnet";
        }
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ChildProcesses).Assembly.Location);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    /// <summary>Runs a child to completion and returns its exit code and output; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', start.ArgumentList)} did not finish in {timeout}: {await output}{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }
}

/// <summary>The <c>--serve</c> child: started, waited for until it has written its info file, stopped on dispose.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private ServerProcess(Process process, string directory, Scoring.ServerInfo info)
    {
        _process = process;
        _directory = directory;
        Info = info;
        InfoPath = Path.Combine(directory, "server.json");
    }

    public Scoring.ServerInfo Info { get; }

    public string InfoPath { get; }

    public static async Task<ServerProcess> StartAsync(TimeSpan timeout)
    {
        string directory = Directory.CreateTempSubdirectory("aml-bench-").FullName;
        string infoPath = Path.Combine(directory, "server.json");
        Process process = Process.Start(ChildProcesses.Self("--serve", infoPath))!;
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line == "READY")
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return new ServerProcess(process, directory, Scoring.ServerInfo.Load(infoPath));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The server process did not start: " + errors);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("STOP");
            _process.StandardInput.Close();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
