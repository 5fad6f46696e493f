using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// An Azure Machine Learning workspace in the app model. Its connection string names the workspace
/// (<c>SubscriptionId</c>, <c>ResourceGroup</c>, <c>WorkspaceName</c>, and <c>Endpoint</c> when it is not Azure's
/// resource manager): read from configuration (<c>ConnectionStrings:{name}</c>) for a real workspace, or the local
/// emulator's, with the <c>CertificateHash</c> to trust, after <see cref="AzureMLWorkspaceExtensions.RunAsEmulator"/>.
/// </summary>
public class AzureMLWorkspaceResource : Resource, IResourceWithConnectionString
{
    /// <summary>Creates the resource.</summary>
    /// <param name="name">The resource name, also the connection string's name.</param>
    /// <param name="configured">The connection string from configuration, used unless the workspace is emulated.</param>
    public AzureMLWorkspaceResource(string name, ParameterResource configured)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(configured);
        Configured = configured;
    }

    /// <summary>The connection string from configuration (<c>ConnectionStrings:{name}</c>).</summary>
    public ParameterResource Configured { get; }

    /// <summary>The emulator that stands in for the workspace; null when the workspace is a real one.</summary>
    internal EmulatedWorkspace? Emulator { get; set; }

    /// <summary>Whether the workspace is the local emulator.</summary>
    public bool IsEmulator => Emulator is not null;

    /// <inheritdoc/>
    public ReferenceExpression ConnectionStringExpression =>
        Emulator is { } emulator ? ReferenceExpression.Create($"{emulator}") : ReferenceExpression.Create($"{Configured}");
}
