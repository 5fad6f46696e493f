namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of the workspace resource (only what the client needs).</summary>
internal sealed class WorkspaceData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Location { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public WorkspacePropertiesData? Properties { get; set; }
}

internal sealed class WorkspacePropertiesData
{
    public string? FriendlyName { get; set; }
    public string? Description { get; set; }
    public string? WorkspaceId { get; set; }
    public string? DiscoveryUrl { get; set; }
    public string? MlFlowTrackingUri { get; set; }
    public string? StorageAccount { get; set; }
    public string? KeyVault { get; set; }
    public string? ContainerRegistry { get; set; }
    public string? ApplicationInsights { get; set; }
}

/// <summary>Maps the workspace's ARM shape to <see cref="Workspace"/>.</summary>
internal static class WorkspaceMapper
{
    public static Workspace FromWire(WorkspaceData data, string requestedName)
    {
        WorkspacePropertiesData properties = data.Properties ?? new();
        var workspace = new Workspace(data.Name ?? requestedName, data.Location ?? string.Empty)
        {
            Id = data.Id,
            DisplayName = properties.FriendlyName,
            Description = properties.Description,
            WorkspaceId = properties.WorkspaceId,
            DiscoveryUrl = EndpointMapper.ToUri(properties.DiscoveryUrl),
            MlflowTrackingUri = properties.MlFlowTrackingUri,
            StorageAccount = properties.StorageAccount,
            KeyVault = properties.KeyVault,
            ContainerRegistry = properties.ContainerRegistry,
            ApplicationInsights = properties.ApplicationInsights,
        };
        foreach ((string key, string value) in data.Tags ?? [])
        {
            workspace.Tags[key] = value;
        }
        return workspace;
    }
}
