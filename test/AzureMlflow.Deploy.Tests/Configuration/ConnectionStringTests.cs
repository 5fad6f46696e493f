using System.Security.Authentication;
using System.Text.Json;
using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Configuration;

/// <summary>
/// Clients made from connection strings: the emulator's (endpoint and the one certificate to trust, no token needed),
/// a workspace in Azure's (a credential required), and one endpoint's (scoring URI and key). Mistakes are refused before
/// any request, and a key in a connection string never reaches an exception message.
/// </summary>
[NonParallelizable]
public sealed class ConnectionStringTests
{
    private WorkspaceEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task Start() => _emulator = await EmulatorClients.StartFastAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _emulator.DisposeAsync();

    [Test]
    public async Task TheEmulatorsConnectionStringIsAllAClientNeedsToDeployAndScore()
    {
        MLClient ml = MLClient.FromConnectionString(_emulator.ConnectionString, options: new MLClientOptions { PollingInterval = TimeSpan.FromMilliseconds(20) });

        Workspace workspace = (await ml.Workspaces.GetAsync()).Value;
        Assert.That(workspace.Name, Is.EqualTo(_emulator.Options.WorkspaceName));

        // Scoring calls go to the endpoint's own URI: the pinned certificate carries over to them too.
        string endpoint = $"cs-{Guid.NewGuid():N}"[..12];
        Model model = (await ml.Models.CreateOrUpdateAsync(new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder })).Value;
        await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        await ml.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", endpoint) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
        await ml.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpoint, new Dictionary<string, int> { ["blue"] = 100 });
        ScoringResult viaWorkspace = await ml.OnlineEndpoints.InvokeAsync(endpoint, SampleModel.SamplePayload());
        Assert.That(viaWorkspace.ToDoubleArray(), Is.EqualTo(SampleModel.SampleRows().Select(SampleModel.Predict).ToArray()).Within(1e-4));

        // One endpoint's connection string: its scoring URI, a key and the same certificate.
        OnlineEndpoint read = (await ml.OnlineEndpoints.GetAsync(endpoint)).Value;
        var keys = (EndpointAuthKeys)(await ml.OnlineEndpoints.GetKeysAsync(endpoint)).Value;
        string hash = ConnectionStringPart(_emulator.ConnectionString, "CertificateHash");
        ScoringClient scoring = ScoringClient.FromConnectionString($"ScoringUri={read.ScoringUri};Key={keys.PrimaryKey};CertificateHash={hash}");
        ScoringResult direct = await scoring.ScoreAsync(SampleModel.SamplePayload());
        Assert.That(direct.ToDoubleArray(), Is.EqualTo(viaWorkspace.ToDoubleArray()));

        await ml.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpoint);
    }

    [Test]
    public void OnlyTheNamedCertificateIsTrustedBesidesTheSystems()
    {
        string otherHash = new string('a', 64);
        string connection = _emulator.ConnectionString.Replace(ConnectionStringPart(_emulator.ConnectionString, "CertificateHash"), otherHash, StringComparison.Ordinal);
        var options = new MLClientOptions();
        options.Retry.MaxRetries = 0;
        MLClient ml = MLClient.FromConnectionString(connection, options: options);

        var error = Assert.ThrowsAsync<RequestFailedException>(() => ml.Workspaces.GetAsync());
        Assert.That(AllInner(error!).OfType<AuthenticationException>(), Is.Not.Empty, error!.ToString());
    }

    [Test]
    public void MistakesAreRefusedBeforeAnyRequestAndSayWhichKey()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => MLClient.FromConnectionString("SubscriptionId=s;ResourceGroup=r", new FakeCredential()),
                Throws.ArgumentException.With.Message.Contains("has no WorkspaceName"));
            Assert.That(() => MLClient.FromConnectionString("SubscriptionId=s;ResourceGroup=r;WorkspaceNmae=w", new FakeCredential()),
                Throws.ArgumentException.With.Message.Contains("unknown key 'WorkspaceNmae'").IgnoreCase.And.Message.Contains("SubscriptionId, ResourceGroup, WorkspaceName, Endpoint, CertificateHash"));
            Assert.That(() => MLClient.FromConnectionString("SubscriptionId=s;ResourceGroup=r;WorkspaceName=w;Endpoint=not a uri", new FakeCredential()),
                Throws.ArgumentException.With.Message.Contains("Endpoint 'not a uri' is not an absolute URI"));
            Assert.That(() => MLClient.FromConnectionString("SubscriptionId=s;ResourceGroup=r;WorkspaceName=w;Endpoint=https://127.0.0.1:1/;CertificateHash=abc"),
                Throws.ArgumentException.With.Message.Contains("64 hex digits"));
            Assert.That(() => MLClient.FromConnectionString("SubscriptionId=s;ResourceGroup=r;WorkspaceName=w"),
                Throws.ArgumentNullException.With.Message.Contains("needs a credential"));
            Assert.That(() => MLClient.FromConnectionString("SubscriptionId=s;ResourceGroup=r;WorkspaceName=w;Endpoint=http://127.0.0.1:1/", new FakeCredential()),
                Throws.ArgumentException.With.Message.Contains("absolute https URI"));
            Assert.That(() => ScoringClient.FromConnectionString("Key=secret-key-value"),
                Throws.ArgumentException.With.Message.Contains("has no ScoringUri"));
            Assert.That(() => ScoringClient.FromConnectionString("ScoringUri=https://ep.eastus.inference.ml.azure.com/score"),
                Throws.ArgumentNullException.With.Message.Contains("has no Key"));
        });
        // Keys are case-insensitive, the cloud's endpoint is the default, and the names are the client's.
        MLClient azure = MLClient.FromConnectionString("subscriptionid=sub;RESOURCEGROUP=rg;WorkspaceName=ws", new FakeCredential());
        Assert.That((azure.SubscriptionId, azure.ResourceGroupName, azure.WorkspaceName), Is.EqualTo(("sub", "rg", "ws")));
    }

    [Test]
    public void AKeyInAMalformedConnectionStringIsNotRepeatedInTheError()
    {
        const string key = "s3cr3t-endpoint-key";
        foreach (string connection in new[] { $"ScoringUri=https://ep.eastus.inference.ml.azure.com/score;Key='{key}", $"Key={key};Scoring Uri=x" })
        {
            var error = Assert.Throws<ArgumentException>(() => ScoringClient.FromConnectionString(connection));
            Assert.That(error!.ToString(), Does.Not.Contain(key));
        }
        ScoringClient client = ScoringClient.FromConnectionString($"ScoringUri=https://ep.eastus.inference.ml.azure.com/score;Key={key}");
        Assert.That(client.ToString(), Does.Not.Contain(key));
    }

    [Test]
    public async Task TheConnectionFileCarriesTheConnectionString()
    {
        string file = Path.Combine(Path.GetTempPath(), $"connection-{Guid.NewGuid():N}.json");
        try
        {
            await _emulator.WriteConnectionFileAsync(file);
            using JsonDocument connection = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.That(connection.RootElement.GetProperty("connection_string").GetString(), Is.EqualTo(_emulator.ConnectionString));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ConnectionStringPart(string connectionString, string key) =>
        connectionString.Split(';').Single(p => p.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

    private static IEnumerable<Exception> AllInner(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
