namespace AzureMlflow.Deploy;

/// <summary>An Azure Machine Learning workspace (the properties deployment needs).</summary>
public class Workspace
{
    /// <summary>Creates a workspace description.</summary>
    /// <param name="name">The workspace name.</param>
    /// <param name="location">The Azure region.</param>
    internal Workspace(string name, string location)
    {
        Name = name;
        Location = location;
    }

    /// <summary>The workspace name.</summary>
    public string Name { get; }

    /// <summary>The Azure region; new endpoints and deployments are created here.</summary>
    public string Location { get; }

    /// <summary>The ARM resource id.</summary>
    public string? Id { get; internal set; }

    /// <summary>The display name.</summary>
    public string? DisplayName { get; internal set; }

    /// <summary>The description.</summary>
    public string? Description { get; internal set; }

    /// <summary>The workspace's internal GUID.</summary>
    public string? WorkspaceId { get; internal set; }

    /// <summary>The discovery URL of the workspace's data-plane services.</summary>
    public Uri? DiscoveryUrl { get; internal set; }

    /// <summary>The MLflow tracking URI of the workspace.</summary>
    public string? MlflowTrackingUri { get; internal set; }

    /// <summary>The ARM id of the workspace's storage account (where the default datastores live).</summary>
    public string? StorageAccount { get; internal set; }

    /// <summary>The ARM id of the workspace's key vault.</summary>
    public string? KeyVault { get; internal set; }

    /// <summary>The ARM id of the workspace's container registry (where environment images are built).</summary>
    public string? ContainerRegistry { get; internal set; }

    /// <summary>The ARM id of the workspace's Application Insights (where deployments with app insights send telemetry).</summary>
    public string? ApplicationInsights { get; internal set; }

    /// <summary>The workspace's tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>();

    /// <inheritdoc/>
    public override string ToString() => $"Workspace '{Name}' ({Location})";
}
