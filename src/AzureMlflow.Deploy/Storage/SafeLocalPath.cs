namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// Where a downloaded blob may be written: inside the folder the user named, never through a symbolic link. Blob names
/// come from the service and storage, so a name with <c>..</c> segments, a rooted path or a drive letter, or a link
/// planted in the target folder, must not put a file anywhere else.
/// </summary>
internal static class SafeLocalPath
{
    /// <summary>The full local path for <paramref name="relative"/> under <paramref name="root"/>, after checking it stays there.</summary>
    /// <exception cref="InvalidOperationException">The path would leave <paramref name="root"/> or pass through a link.</exception>
    public static string Resolve(string root, string relative, string blobName)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        string local = Path.GetFullPath(Path.Combine(root, relative));
        if (!local.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Refusing to write blob '{blobName}' outside '{root}'.");
        }
        // Every existing step from the root down to the file must be a real folder (or, last, a real file): a link could point anywhere.
        for (string? path = local; path is not null && path.Length > root.Length; path = Path.GetDirectoryName(path))
        {
            var entry = new FileInfo(path);
            if (entry.Exists || Directory.Exists(path))
            {
                if (entry.LinkTarget is not null || new DirectoryInfo(path).LinkTarget is not null)
                {
                    throw new InvalidOperationException($"Refusing to write blob '{blobName}' through the symbolic link '{path}'.");
                }
            }
        }
        if (new DirectoryInfo(root).LinkTarget is not null)
        {
            throw new InvalidOperationException($"Refusing to write blob '{blobName}' into '{root}', which is a symbolic link.");
        }
        return local;
    }
}
