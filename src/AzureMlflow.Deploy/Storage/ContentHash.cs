using System.Security.Cryptography;
using System.Text;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// The content hash that names an upload's folder (<c>LocalUpload/{hash}</c>), computed exactly as the Python SDK and
/// CLI v2 compute it so the same model uploaded from any of them is stored once: MD5 seeded with a fixed phrase; for a
/// folder, each directory's entries in order of their lower-cased paths, skipping ignored ones, each contributing its
/// name and then its bytes (files) or its own entries (folders); symlinks are followed.
/// </summary>
internal static class ContentHash
{
    private static readonly byte[] Seed = Encoding.ASCII.GetBytes("Initialize for october 2021 AML CLI version");

    public static string Compute(string path, IgnoreRules rules, CancellationToken cancellationToken) =>
        ComputeAsync(path, rules, async: false, cancellationToken).AsTask().GetAwaiter().GetResult();

    public static ValueTask<string> ComputeAsync(string path, IgnoreRules rules, CancellationToken cancellationToken) =>
        ComputeAsync(path, rules, async: true, cancellationToken);

    private static async ValueTask<string> ComputeAsync(string path, IgnoreRules rules, bool async, CancellationToken cancellationToken)
    {
        // MD5 is what the service-side layout uses for identity, not for security.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        hash.AppendData(Seed);
        string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        byte[] buffer = new byte[1 << 20];
        if (Directory.Exists(full))
        {
            await HashDirectoryAsync(hash, full, string.Empty, rules, buffer, async, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await HashFileAsync(hash, full, buffer, async, cancellationToken).ConfigureAwait(false);
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static async ValueTask HashDirectoryAsync(IncrementalHash hash, string directory, string relative, IgnoreRules rules, byte[] buffer, bool async, CancellationToken cancellationToken)
    {
        // Python sorts by str(path).lower(): siblings share the parent prefix, so this is the order of the lower-cased names.
        IEnumerable<FileSystemInfo> entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .OrderBy(e => e.FullName.ToLowerInvariant(), StringComparer.Ordinal);
        foreach (FileSystemInfo entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string entryRelative = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
            if (rules.IsExcluded(entryRelative))
            {
                continue;
            }
            hash.AppendData(Encoding.UTF8.GetBytes(entry.Name));
            string actual = entry.LinkTarget is null ? entry.FullName : entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? entry.FullName;
            if (File.Exists(actual))
            {
                await HashFileAsync(hash, actual, buffer, async, cancellationToken).ConfigureAwait(false);
            }
            else if (Directory.Exists(actual))
            {
                await HashDirectoryAsync(hash, actual, entryRelative, rules, buffer, async, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Feeds a file's bytes to <paramref name="hash"/> (also for code assets' SHA-256, <see cref="CodeContentHash"/>).</summary>
    internal static async ValueTask HashFileAsync(IncrementalHash hash, string file, byte[] buffer, bool async, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | (async ? FileOptions.Asynchronous : FileOptions.None));
        int read;
        while ((read = async ? await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) : stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }
}
