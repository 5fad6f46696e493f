using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// The content hash a code asset is registered with (<c>hash_sha256</c>, <c>hash_version</c> 202208) and looked up by,
/// computed as the Python SDK and CLI compute it so code uploaded from any of them is found again: SHA-256 of the file
/// count, then <c>#relative/path#</c> and the size of each file, then every file's bytes, files in the order of their
/// lower-cased relative paths (a single file is named by its file name).
/// </summary>
internal static class CodeContentHash
{
    /// <summary>The hashing scheme's version, sent with the hash when looking code up.</summary>
    public const string Version = "202208";

    public static async ValueTask<string> ComputeAsync(LocalArtifact artifact, bool async, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        List<LocalFile> files = [.. artifact.Files.OrderBy(f => f.RelativePath.ToLowerInvariant(), StringComparer.Ordinal)];
        hash.AppendData(Encoding.UTF8.GetBytes(files.Count.ToString(CultureInfo.InvariantCulture)));
        foreach (LocalFile file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"#{file.RelativePath}#"));
            hash.AppendData(Encoding.UTF8.GetBytes(file.Length.ToString(CultureInfo.InvariantCulture)));
        }
        byte[] buffer = new byte[1 << 16];
        foreach (LocalFile file in files)
        {
            await ContentHash.HashFileAsync(hash, file.FullPath, buffer, async, cancellationToken).ConfigureAwait(false);
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
