using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Aspire.Tests.Hosting;

/// <summary>
/// The workspace resource without starting an app: its connection string from configuration when it is a real
/// workspace, the emulator only in run mode, and mistakes in the app model reported where they are made.
/// </summary>
public sealed class WorkspaceResourceTests
{
    private static IDistributedApplicationBuilder Builder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });

    [Test]
    public async Task AConfiguredWorkspaceHandsOutItsConfiguredConnectionString()
    {
        IDistributedApplicationBuilder builder = Builder();
        builder.Configuration["ConnectionStrings:ml"] = "SubscriptionId=sub;ResourceGroup=rg;WorkspaceName=ws";

        IResourceBuilder<AzureMLWorkspaceResource> ml = builder.AddAzureMLWorkspace("ml");

        Assert.That(ml.Resource.IsEmulator, Is.False);
        Assert.That(await ml.Resource.ConnectionStringExpression.GetValueAsync(CancellationToken.None), Is.EqualTo("SubscriptionId=sub;ResourceGroup=rg;WorkspaceName=ws"));
    }

    [Test]
    public void AWorkspaceWithNoConnectionStringSaysWhatToSet()
    {
        IResourceBuilder<AzureMLWorkspaceResource> ml = Builder().AddAzureMLWorkspace("ml");

        Assert.That(async () => await ml.Resource.ConnectionStringExpression.GetValueAsync(CancellationToken.None),
            Throws.InstanceOf<DistributedApplicationException>().With.Message.Contains("ConnectionStrings:ml").And.Message.Contains("RunAsEmulator()"));
    }

    [Test]
    public void APublishedAppUsesTheConfiguredWorkspaceNotTheEmulator()
    {
        IResourceBuilder<AzureMLWorkspaceResource> ml = Builder("--operation", "publish", "--publisher", "manifest", "--output-path", Path.GetTempPath())
            .AddAzureMLWorkspace("ml").RunAsEmulator();

        Assert.That(ml.Resource.IsEmulator, Is.False);
    }

    [Test]
    public void AFolderThatIsNotAnMlflowModelIsRefusedWhereItIsNamed()
    {
        IResourceBuilder<AzureMLWorkspaceResource> ml = Builder().AddAzureMLWorkspace("ml");
        string notAModel = Path.GetDirectoryName(SampleModel.Folder)!;

        Assert.That(() => ml.RunAsEmulator(e => e.WithMlflowDeployment("diabetes", notAModel)),
            Throws.ArgumentException.With.Message.Contains("is not an MLflow model folder: it has no MLmodel file"));
        Assert.That(() => ml.RunAsEmulator(e => e.WithMlflowDeployment("diabetes", SampleModel.Folder)), Throws.Nothing);
        Assert.That(ml.Resource.IsEmulator, Is.True);
    }
}
