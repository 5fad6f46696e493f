namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// What a local model path uploads: its files minus ignored ones, in the order the Python SDK uses (ordinal order of
/// the paths), whose first file is the indicator blob. Refuses what cannot be uploaded safely before any request:
/// missing paths, empty folders, symlinks that leave the folder or loop.
/// </summary>
internal sealed class LocalArtifact
{
    private LocalArtifact(string rootName, bool isDirectory, IReadOnlyList<LocalFile> files)
    {
        RootName = rootName;
        IsDirectory = isDirectory;
        Files = files;
    }

    /// <summary>The folder's (or file's) own name, which becomes the last segment of the remote path.</summary>
    public string RootName { get; }

    public bool IsDirectory { get; }

    public IReadOnlyList<LocalFile> Files { get; }

    public long TotalBytes => Files.Sum(f => f.Length);

    public static LocalArtifact Scan(string path, IgnoreRules rules)
    {
        string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (File.Exists(full))
        {
            var file = new FileInfo(full);
            string target = file.LinkTarget is null ? full : (file.ResolveLinkTarget(true)?.FullName ?? throw Broken(full));
            return new LocalArtifact(file.Name, false, [new LocalFile(target, file.Name, new FileInfo(target).Length)]);
        }
        if (!Directory.Exists(full))
        {
            throw new ArgumentException($"No such file or directory: '{path}'.", nameof(path));
        }

        var files = new List<LocalFile>();
        var visited = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal) { full };
        int ignored = Walk(full, full, string.Empty, rules, files, visited);
        if (files.Count == 0)
        {
            string why = ignored == 0
                ? "it contains no files"
                : $"all {ignored} file(s) in it are excluded by the ignore rules{(rules.Source is null ? "" : $" in '{rules.Source}'")}";
            throw new ArgumentException($"Directory '{path}' is empty: {why}. There is nothing to upload.", nameof(path));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new LocalArtifact(Path.GetFileName(full), true, files);
    }

    /// <summary>Adds the files under <paramref name="directory"/>; returns how many were ignored.</summary>
    private static int Walk(string root, string directory, string relative, IgnoreRules rules, List<LocalFile> files, HashSet<string> visited)
    {
        int ignored = 0;
        foreach (FileSystemInfo entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            string entryRelative = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
            string actual = entry.FullName;
            if (entry.LinkTarget is not null)
            {
                actual = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? throw Broken(entry.FullName);
                if (!IsInside(root, actual))
                {
                    throw new ArgumentException($"'{entry.FullName}' is a symbolic link that points outside the model folder ('{actual}'); copy the file into the folder instead.");
                }
                if (!File.Exists(actual) && !Directory.Exists(actual))
                {
                    throw Broken(entry.FullName);
                }
            }
            if (Directory.Exists(actual))
            {
                if (!visited.Add(Path.GetFullPath(actual)))
                {
                    throw new ArgumentException($"'{entry.FullName}' is a symbolic link loop (it leads back to '{actual}').");
                }
                ignored += Walk(root, actual, entryRelative, rules, files, visited);
                visited.Remove(Path.GetFullPath(actual));
            }
            else if (rules.IsExcluded(entryRelative))
            {
                ignored++;
            }
            else
            {
                files.Add(new LocalFile(actual, entryRelative, new FileInfo(actual).Length));
            }
        }
        return ignored;
    }

    internal static bool IsInside(string root, string path)
    {
        StringComparison comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string full = Path.GetFullPath(path);
        return full.Equals(root, comparison) || full.StartsWith(root + Path.DirectorySeparatorChar, comparison);
    }

    private static ArgumentException Broken(string link) => new($"'{link}' is a symbolic link whose target does not exist.");
}
