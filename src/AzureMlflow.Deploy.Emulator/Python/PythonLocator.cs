using System.Diagnostics;

namespace AzureMlflow.Deploy.Emulator.Python;

/// <summary>
/// Finds the Python that runs models: the configured one, else the first candidate that can import what every model
/// needs (numpy and pandas). Looked up once per emulator; null when there is none.
/// </summary>
internal sealed class PythonLocator(EmulatorOptions options)
{
    public const string EnvironmentVariable = "AZUREML_EMULATOR_PYTHON";

    private readonly Lazy<Task<string?>> _found = new(() => FindAsync(options));

    public Task<string?> FindAsync() => _found.Value;

    /// <summary>Says what to do when no Python is found.</summary>
    public static string Hint =>
        $"Install Python 3 with numpy and pandas (Debian: apt-get install python3-pandas) and the model's library (python3-sklearn, python3-xgboost, ...), " +
        $"or name an interpreter with EmulatorOptions.PythonExecutable or the {EnvironmentVariable} environment variable.";

    private static async Task<string?> FindAsync(EmulatorOptions options)
    {
        string? configured = options.PythonExecutable ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        foreach (string candidate in new[] { "python3", "/usr/bin/python3", "python" })
        {
            if (await CanImportAsync(candidate, "numpy, pandas").ConfigureAwait(false))
            {
                return candidate;
            }
        }
        return null;
    }

    private static async Task<bool> CanImportAsync(string python, string modules)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", $"import {modules}"])
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return process.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }
}
