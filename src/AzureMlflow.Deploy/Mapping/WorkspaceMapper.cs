using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy.Mapping;

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
