using System.Diagnostics.Tracing;
using System.Text;
using Azure;
using Azure.Core.Diagnostics;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Keys, tokens and SAS signatures never reach logs (AzureEventSource or an app's ILogger), exception messages, ToString or the debugger.</summary>
public sealed class SecretHygieneTests : EmulatorTestBase
{
    [Test]
    public async Task VerboseAzureSdkLogsHoldNoKeyTokenOrSasSignature()
    {
        var log = new StringBuilder();
        using (new AzureEventSourceListener((e, message) =>
        {
            lock (log)
            {
                log.AppendLine(message);
            }
        }, EventLevel.Verbose))
        {
            string endpoint = UniqueName("secret");
            Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("secret"), Type = ModelType.MlflowModel, Path = SampleModel.Folder })).Value;
            await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
                new ManagedOnlineDeployment("blue", endpoint) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
            await Client.OnlineEndpoints.InvokeAsync(endpoint, ScoringPayload.FromCsvFile(SampleModel.SampleCsv), "blue");
            var keys = (EndpointAuthKeys)(await Client.OnlineEndpoints.GetKeysAsync(endpoint)).Value;

            string text;
            lock (log)
            {
                text = log.ToString();
            }
            Assert.That(text, Does.Contain("/score"), "the listener did capture the scoring requests");
            Assert.That(text, Does.Not.Contain(keys.PrimaryKey));
            Assert.That(text, Does.Not.Contain(keys.SecondaryKey));
            Assert.That(text, Does.Not.Contain("fake-arm-token"));
            Assert.That(System.Text.RegularExpressions.Regex.IsMatch(text, "sig=[A-Za-z0-9%]{10,}"), Is.False, "no SAS signature");
            Assert.That(keys.ToString(), Does.Not.Contain(keys.PrimaryKey));
        }
    }

    [Test]
    public async Task AnAppsILoggerGetsTheSdkLogsWithoutKeysTokensOrSas()
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(Credential);
            clients.AddMLClient(Emulator.Options.SubscriptionId, Emulator.Options.ResourceGroup, Emulator.Options.WorkspaceName).ConfigureOptions(o =>
            {
                o.ResourceManagerEndpoint = Emulator.BaseUri;
                o.PollingInterval = TimeSpan.FromMilliseconds(10);
                o.Transport = EmulatorClients.Options(Emulator).Transport;
                o.Diagnostics.IsLoggingContentEnabled = true; // even with bodies logged, secrets stay out
            });
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        MLClient client = provider.GetRequiredService<MLClient>();

        string keyEndpoint = UniqueName("logkey");
        string tokenEndpoint = UniqueName("logtok");
        await client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("logged"), Type = ModelType.MlflowModel, Path = SampleModel.Folder });
        await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(keyEndpoint));
        await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(tokenEndpoint) { AuthMode = EndpointAuthMode.AmlToken });
        var keys = (EndpointAuthKeys)(await client.OnlineEndpoints.GetKeysAsync(keyEndpoint)).Value;
        var token = (EndpointAuthToken)(await client.OnlineEndpoints.GetKeysAsync(tokenEndpoint)).Value;

        string text = logs.Text;
        Assert.That(text, Does.Contain("listKeys").And.Contain("/token"), "the forwarder did deliver the SDK's request logs");
        foreach (string secret in new[] { keys.PrimaryKey, keys.SecondaryKey, token.AccessToken, "fake-arm-token" })
        {
            Assert.That(text, Does.Not.Contain(secret));
        }
        Assert.That(System.Text.RegularExpressions.Regex.IsMatch(text, "sig=[A-Za-z0-9%]{10,}"), Is.False, "no SAS signature");
    }

    [Test]
    public async Task ARefusedKeyIsNotRepeatedInTheException()
    {
        string endpoint = UniqueName("badkey");
        OnlineEndpoint created = (await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint))).Value;
        const string wrongKey = "wrong-key-0123456789abcdef0123456789abcdef";
        var scoring = new ScoringClient(created.ScoringUri!, new AzureKeyCredential(wrongKey),
            new ScoringClientOptions { Transport = EmulatorClients.Options(Emulator).Transport });

        var refused = Assert.ThrowsAsync<ScoringException>(() => scoring.ScoreAsync(ScoringPayload.FromCsvFile(SampleModel.SampleCsv)));

        Assert.That(refused!.Status, Is.EqualTo(401));
        Assert.That(refused.ToString(), Does.Not.Contain(wrongKey));
        Assert.That(scoring.ToString(), Does.Not.Contain(wrongKey));
    }

    [Test]
    public void SecretPropertiesAreHiddenFromTheDebuggerAndToString()
    {
        var keys = new EndpointAuthKeys("primary-secret-value", "secondary-secret-value");
        var token = new EndpointAuthToken("token-secret-value", DateTimeOffset.UtcNow.AddHours(1));

        foreach (object credentials in new object[] { keys, token })
        {
            Type type = credentials.GetType();
            Assert.That(type.GetCustomAttributes(typeof(System.Diagnostics.DebuggerDisplayAttribute), false).Cast<System.Diagnostics.DebuggerDisplayAttribute>().Single().Value,
                Is.EqualTo("{ToString(),nq}"));
            foreach (var property in type.GetProperties().Where(p => p.PropertyType == typeof(string) && p.Name != nameof(EndpointAuthToken.TokenType)))
            {
                var browsable = property.GetCustomAttributes(typeof(System.Diagnostics.DebuggerBrowsableAttribute), true).Cast<System.Diagnostics.DebuggerBrowsableAttribute>().SingleOrDefault();
                Assert.That(browsable?.State, Is.EqualTo(System.Diagnostics.DebuggerBrowsableState.Never), $"{type.Name}.{property.Name}");
            }
            Assert.That(credentials.ToString(), Does.Not.Contain("secret-value"));
        }
    }
}
