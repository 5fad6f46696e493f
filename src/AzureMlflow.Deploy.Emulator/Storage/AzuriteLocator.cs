namespace AzureMlflow.Deploy.Emulator.Storage;

/// <summary>Finds the <c>azurite-blob</c> launcher: explicit setting, <c>AZURITE_BLOB_PATH</c>, the repository's <c>eng/azurite</c>, any <c>node_modules</c> up the tree, then PATH.</summary>
internal static class AzuriteLocator
{
    public const string InstallHint = "Install it with 'npm ci --prefix eng/azurite' in the repository, 'npm install -g azurite', or set AZURITE_BLOB_PATH.";

    public static string? Find(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        if (Environment.GetEnvironmentVariable("AZURITE_BLOB_PATH") is { Length: > 0 } fromEnvironment && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        string launcher = OperatingSystem.IsWindows() ? "azurite-blob.cmd" : "azurite-blob";
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                foreach (string candidate in new[] { Path.Combine(dir.FullName, "eng", "azurite", "node_modules", ".bin", launcher), Path.Combine(dir.FullName, "node_modules", ".bin", launcher) })
                {
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, launcher))
            .FirstOrDefault(File.Exists);
    }
}
