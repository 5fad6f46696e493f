using AzureMlflow.Deploy.Tests.Infrastructure;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AzureMlflow.Deploy.Tests.Configuration;

/// <summary>MLClient in Microsoft.Extensions.Azure: explicit, named and configuration-bound registrations.</summary>
public sealed class DependencyInjectionTests
{
    [Test]
    public void ClientsAreRegisteredExplicitlyByNameAndFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ML:subscriptionId"] = "33333333-3333-3333-3333-333333333333",
            ["ML:resourceGroupName"] = "rg-config",
            ["ML:workspaceName"] = "ws-config",
            ["ML:PollingInterval"] = "00:00:02",
        }).Build();
        var services = new ServiceCollection();
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(new FakeCredential());
            clients.AddMLClient("11111111-1111-1111-1111-111111111111", "rg-main", "ws-main");
            clients.AddMLClient("22222222-2222-2222-2222-222222222222", "rg-other", "ws-other").WithName("other");
            clients.AddMLClient(configuration.GetSection("ML")).WithName("configured");
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<MLClient>().WorkspaceName, Is.EqualTo("ws-main"));
        var factory = provider.GetRequiredService<IAzureClientFactory<MLClient>>();
        Assert.That(factory.CreateClient("other").ResourceGroupName, Is.EqualTo("rg-other"));
        MLClient configured = factory.CreateClient("configured");
        Assert.That((configured.SubscriptionId, configured.WorkspaceName), Is.EqualTo(("33333333-3333-3333-3333-333333333333", "ws-config")));
    }
}
