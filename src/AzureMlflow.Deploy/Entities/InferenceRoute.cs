namespace AzureMlflow.Deploy;

/// <summary>One HTTP route of a custom inference container: the path and port it serves on.</summary>
public class InferenceRoute
{
    /// <summary>Creates a route.</summary>
    /// <param name="path">The URL path, such as <c>/v1/models/half_plus_two:predict</c>.</param>
    /// <param name="port">The container port.</param>
    public InferenceRoute(string path, int port)
    {
        Path = path;
        Port = port;
    }

    /// <summary>The URL path.</summary>
    public string Path { get; set; }

    /// <summary>The container port.</summary>
    public int Port { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $":{Port}{Path}";
}
