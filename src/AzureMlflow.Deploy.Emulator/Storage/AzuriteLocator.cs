using System.Diagnostics;

namespace AzureMlflow.Deploy.Emulator.Storage;

/// <summary>
/// Finds the <c>azurite-blob</c> launcher: explicit setting, <c>AZURITE_BLOB_PATH</c>, the repository's
/// <c>eng/azurite</c> (installed on first use with <c>npm ci</c> when npm is available, so tests and the quick start
/// need no manual step), any <c>node_modules</c> up the tree, then PATH.
/// </summary>
internal static class AzuriteLocator
{
    public const string InstallHint = "Install it (it needs Node.js 18 or later) with 'npm ci --prefix eng/azurite' in the repository, 'npm install -g azurite', or set AZURITE_BLOB_PATH.";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private static string Launcher => OperatingSystem.IsWindows() ? "azurite-blob.cmd" : "azurite-blob";

    public static async Task<string?> FindAsync(string? configured, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        if (Environment.GetEnvironmentVariable("AZURITE_BLOB_PATH") is { Length: > 0 } fromEnvironment && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        foreach (DirectoryInfo dir in Ancestors())
        {
            string project = Path.Combine(dir.FullName, "eng", "azurite");
            if (File.Exists(Path.Combine(project, "package.json")))
            {
                string launcher = Path.Combine(project, "node_modules", ".bin", Launcher);
                if (!File.Exists(launcher))
                {
                    await InstallAsync(project, cancellationToken).ConfigureAwait(false);
                }
                if (File.Exists(launcher))
                {
                    return launcher;
                }
            }
            string nested = Path.Combine(dir.FullName, "node_modules", ".bin", Launcher);
            if (File.Exists(nested))
            {
                return nested;
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, Launcher))
            .FirstOrDefault(File.Exists);
    }

    private static IEnumerable<DirectoryInfo> Ancestors()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                yield return dir;
            }
        }
    }

    /// <summary>Runs <c>npm ci</c> for the repository's pinned Azurite, once per process, serialized across processes by a lock file.</summary>
    private static async Task InstallAsync(string project, CancellationToken cancellationToken)
    {
        await InstallGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using FileStream lockFile = await LockAsync(Path.Combine(project, ".install.lock"), cancellationToken).ConfigureAwait(false);
            if (File.Exists(Path.Combine(project, "node_modules", ".bin", Launcher)))
            {
                return;
            }
            var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            {
                WorkingDirectory = project,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                start.ArgumentList.Add(argument);
            }
            using Process? npm = StartOrNull(start);
            if (npm is null)
            {
                return;
            }
            Task<string> errors = npm.StandardError.ReadToEndAsync(cancellationToken);
            _ = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"'npm ci' for Azurite in '{project}' failed with exit code {npm.ExitCode}: {await errors.ConfigureAwait(false)}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static Process? StartOrNull(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // npm is not installed: the caller reports Azurite as missing, with the install hint.
        }
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
