namespace AzureMlflow.Deploy.Storage;

/// <summary>One local file to upload, with its path relative to the artifact root ('/'-separated).</summary>
internal sealed record LocalFile(string FullPath, string RelativePath, long Length);
