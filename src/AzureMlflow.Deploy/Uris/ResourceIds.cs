namespace AzureMlflow.Deploy.Uris;

/// <summary>Builds and parses the ARM ids of workspace resources.</summary>
internal static class ResourceIds
{
    public const string Provider = "Microsoft.MachineLearningServices";

    public static string Workspace(string subscriptionId, string resourceGroupName, string workspaceName) =>
        $"/subscriptions/{Escape(subscriptionId)}/resourceGroups/{Escape(resourceGroupName)}/providers/{Provider}/workspaces/{Escape(workspaceName)}";

    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    public static string OnlineEndpointPath(string name) => $"/onlineEndpoints/{Escape(name)}";

    /// <summary>Deployment names are case-insensitive and the service keeps them lower-cased; entities keep what the user wrote, for messages.</summary>
    public static string OnlineDeploymentPath(string endpointName, string name) => $"{OnlineEndpointPath(endpointName)}/deployments/{Escape(name.ToLowerInvariant())}";

    public static string ModelPath(string name) => $"/models/{Escape(name)}";

    public static string BatchEndpointPath(string name) => $"/batchEndpoints/{Escape(name)}";

    /// <inheritdoc cref="OnlineDeploymentPath"/>
    public static string BatchDeploymentPath(string endpointName, string name) => $"{BatchEndpointPath(endpointName)}/deployments/{Escape(name.ToLowerInvariant())}";

    public static string JobPath(string name) => $"/jobs/{Escape(name)}";

    public static string ComputePath(string name) => $"/computes/{Escape(name)}";

    public static string EnvironmentPath(string name) => $"/environments/{Escape(name)}";

    public static string EnvironmentVersionPath(string name, string version) => $"{EnvironmentPath(name)}/versions/{Escape(version)}";

    public static string CodePath(string name) => $"/codes/{Escape(name)}";

    public static string CodeVersionPath(string name, string version) => $"{CodePath(name)}/versions/{Escape(version)}";

    /// <summary>A compute named by name, <c>azureml:</c> name or ARM id, as the ARM id deployments and endpoints carry (Python's orchestrator does the same).</summary>
    public static string ComputeId(string workspaceResourceId, string compute) =>
        compute.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
            ? compute
            : workspaceResourceId + ComputePath(compute.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase) ? compute[8..] : compute);

    public static string ModelVersionPath(string name, string version) => $"{ModelPath(name)}/versions/{Escape(version)}";

    /// <summary>The value of the segment after <paramref name="key"/> in an ARM id (case-insensitive), or null.</summary>
    public static string? Segment(string? id, string key)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }
        string[] parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (string.Equals(parts[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(parts[i + 1]);
            }
        }
        return null;
    }
}
