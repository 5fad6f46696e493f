using Azure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Bad input fails with a specific message before anything is sent: the emulator must see no request at all.</summary>
public sealed class ClientValidationTests : EmulatorTestBase
{
    [TestCase("ab", "at most 32 characters")]
    [TestCase("1-starts-with-digit", "start with a letter")]
    [TestCase("ends-with-dash-", "end with a letter or digit")]
    [TestCase("has_underscore", "letters, digits and '-'")]
    [TestCase("a-name-that-is-much-too-long-for-azure", "at most 32 characters")]
    public void InvalidEndpointNames(string name, string expected)
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(name)));
        Assert.That(error!.Message, Does.Contain(expected));
        AssertNothingSent();
    }

    [TestCase(nameof(MLClientOptions.UploadConcurrency), 0, "UploadConcurrency must be at least 1")]
    [TestCase(nameof(MLClientOptions.UploadBlockSize), 0, "UploadBlockSize must be between 1 byte and")]
    [TestCase(nameof(MLClientOptions.UploadBlockSize), 4001L * 1024 * 1024, "(4000 MiB, the largest block Blob Storage accepts)")]
    [TestCase(nameof(MLClientOptions.PollingInterval), 0, "PollingInterval must be positive")]
    public void UploadAndPollingOptionsAreCheckedWhenTheClientIsCreated(string option, long value, string expected)
    {
        MLClientOptions options = Infrastructure.EmulatorClients.Options(Emulator);
        switch (option)
        {
            case nameof(MLClientOptions.UploadConcurrency): options.UploadConcurrency = (int)value; break;
            case nameof(MLClientOptions.UploadBlockSize): options.UploadBlockSize = value; break;
            default: options.PollingInterval = TimeSpan.FromTicks(value); break;
        }

        Assert.That(() => Infrastructure.EmulatorClients.Create(Emulator, options: options), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains(expected));
        AssertNothingSent();
    }

    [Test]
    public void TrafficThatDoesNotSumTo100()
    {
        var endpoint = new ManagedOnlineEndpoint("valid-name") { Traffic = { ["blue"] = 60, ["green"] = 30 } };
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, endpoint));
        Assert.That(error!.Message, Does.Contain("sums to 90"));
        AssertNothingSent();
    }

    [Test]
    public void TrafficUpdateOutOfRange()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() =>
            Client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, "valid-name", new Dictionary<string, int> { ["blue"] = 120 }));
        Assert.That(error!.Message, Does.Contain("between 0 and 100"));
        AssertNothingSent();
    }

    [Test]
    public void MirrorTrafficOver50()
    {
        var endpoint = new ManagedOnlineEndpoint("valid-name") { Traffic = { ["blue"] = 50, ["green"] = 50 }, MirrorTraffic = { ["green"] = 60 } };
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, endpoint));
        Assert.That(error!.Message, Does.Contain("50"));
        AssertNothingSent();
    }

    [Test]
    public void MirroringToTheDeploymentThatTakesAllLiveTraffic()
    {
        var endpoint = new ManagedOnlineEndpoint("valid-name") { Traffic = { ["blue"] = 100 }, MirrorTraffic = { ["blue"] = 10 } };
        Assert.ThrowsAsync<ArgumentException>(() => Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, endpoint));
        AssertNothingSent();
    }

    [Test]
    public void ADeploymentWithoutAModel()
    {
        var deployment = new ManagedOnlineDeployment("blue", "valid-name") { InstanceType = "Standard_DS3_v2", InstanceCount = 1 };
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment));
        Assert.That(error!.Message, Does.Contain("has no Model"));
        AssertNothingSent();
    }

    [Test]
    public void AnMlflowModelWhosePathIsAFile()
    {
        string file = Path.GetTempFileName();
        try
        {
            var deployment = new ManagedOnlineDeployment("blue", "valid-name")
            {
                Model = new Model { Name = "m", Type = ModelType.MlflowModel, Path = file },
                InstanceType = "Standard_DS3_v2",
                InstanceCount = 1,
            };
            var error = Assert.ThrowsAsync<ArgumentException>(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment));
            Assert.That(error!.Message, Does.Contain("folder"));
            AssertNothingSent();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void AModelVersionWithoutAName()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.Models.CreateOrUpdateAsync(new Model { Version = "3", Path = "azureml://datastores/workspaceblobstore/paths/m" }));
        Assert.That(error!.Message, Does.Contain("name must be given"));
        AssertNothingSent();
    }

    [Test]
    public void ZeroInstances()
    {
        var deployment = new ManagedOnlineDeployment("blue", "valid-name") { Model = "azureml:m:1", InstanceType = "Standard_DS3_v2", InstanceCount = 0 };
        var error = Assert.ThrowsAsync<ArgumentException>(() => Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment));
        Assert.That(error!.Message, Does.Contain("at least 1"));
        AssertNothingSent();
    }

    private void AssertNothingSent() => Assert.That(Emulator.Requests.Snapshot(), Is.Empty, "validation must happen before any request");
}
