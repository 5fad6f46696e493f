using System.Diagnostics;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>Runs a program to completion, as a user would from a shell, never against Azure (the Azure settings are removed).</summary>
internal static class ChildProcess
{
    public static readonly string[] AzureSettings = ["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZUREML_WORKSPACE_NAME"];

    public static ProcessStartInfo StartInfo(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (string variable in AzureSettings)
        {
            start.Environment.Remove(variable);
        }
        return start;
    }

    /// <summary>Runs and returns the exit code and everything printed; kills the process tree on timeout.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using Process process = Process.Start(start)!;
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
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout}: {await output}{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }
}
