namespace AzureMlflow.Deploy;

/// <summary>
/// A code asset: a folder (or one file) of scoring code, uploaded once and registered as
/// <c>codes/{name}/versions/{version}</c>. The counterpart of Python's <c>Code</c>. Without a name it is anonymous, as
/// the code a deployment brings from a local folder is: registered under a new GUID name with version <c>1</c>, unless the
/// workspace already holds code with the same content, which is then reused.
/// </summary>
public class CodeAsset
{
    /// <summary>Creates a code asset description.</summary>
    /// <param name="path">The local folder or file to upload.</param>
    public CodeAsset(string? path = null) => Path = path;

    /// <summary>The name; null registers the code anonymously.</summary>
    public string? Name { get; set; }

    /// <summary>The version; <c>1</c> when null.</summary>
    public string? Version { get; set; }

    /// <summary>The local folder or file to upload (a scoring script's folder).</summary>
    public string? Path { get; set; }

    /// <summary>A description.</summary>
    public string? Description { get; set; }

    /// <summary>Tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <summary>The ARM id of the version (set by the service).</summary>
    public string? Id { get; internal set; }

    /// <summary>Where the uploaded code is stored: a blob URL of its folder (set by the service).</summary>
    public Uri? CodeUri { get; internal set; }

    /// <summary>The content hash the code was registered with (<c>hash_sha256</c>; set by the service).</summary>
    public string? ContentHash { get; internal set; }

    /// <summary>Whether the code was registered anonymously (set by the service).</summary>
    public bool IsAnonymous { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => $"Code '{Name ?? "anonymous"}:{Version ?? "1"}' ({Path ?? CodeUri?.AbsoluteUri ?? "no path"})";
}
