using Azure;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Emulator.Faults;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Tests.Integration;
using AzureMlflow.Deploy.Storage;

namespace AzureMlflow.Deploy.Tests.Reliability;

/// <summary>
/// Registering a local model when storage or the service fails part-way: nothing is registered over partial data, the
/// completion marker is written only after the last byte, a retry finishes the job, and an upload that completed is
/// never repeated.
/// </summary>
public sealed class UploadFaultTests : EmulatorTestBase
{
    private ModelFolders _folders = null!;
    private StorageTap _tap = null!;
    private MLClient _client = null!;

    protected override void Configure(EmulatorOptions options) => options.Storage = EmulatorStorage.Azurite;

    [OneTimeSetUp]
    public void CreateClient()
    {
        _folders = new ModelFolders();
        _tap = new StorageTap(Emulator.CreateHttpMessageHandler(), Emulator.BaseUri.Port);
        MLClientOptions options = EmulatorClients.Options(Emulator);
        options.Transport = new HttpClientTransport(_tap);
        options.UploadConcurrency = 2;
        _client = EmulatorClients.Create(Emulator, options: options);
    }

    [OneTimeTearDown]
    public void DeleteFolders() => _folders.Dispose();

    [SetUp]
    public void ResetTap()
    {
        _tap.Restore();
        _tap.Clear();
    }

    private DatastoreBlobs Blobs => new(Emulator);

    [Test]
    public async Task StorageGoingDownMidUploadRegistersNothingAndARetryFinishesTheUpload()
    {
        string name = UniqueName("outage");
        string folder = _folders.CreateMany("outage", count: 20, size: 4096);
        string prefix = $"LocalUpload/{ContentHash.Compute(folder, IgnoreRules.Load(folder), CancellationToken.None)}/outage";
        var model = new Model { Name = name, Type = ModelType.MlflowModel, Path = folder };
        _tap.FailAfterWrites(6);

        var failure = Assert.ThrowsAsync<RequestFailedException>(() => _client.Models.CreateOrUpdateAsync(model));

        Assert.That(failure!.Message, Does.Contain("Connection refused"));
        Assert.That(VersionPuts(), Is.Empty, "no model version over partial data");
        Assert.That(await Blobs.MarkerAsync($"{prefix}/.amlignore"), Is.Null, "an interrupted upload never looks complete");
        Assert.That((await Blobs.NamesAsync(prefix)).Count, Is.InRange(1, 24), "storage went down part-way");

        _tap.Restore();
        _tap.Clear();
        Model registered = (await _client.Models.CreateOrUpdateAsync(model)).Value;

        Assert.That(registered.Version, Is.EqualTo("1"));
        Assert.That(await Blobs.NamesAsync(prefix), Has.Count.EqualTo(25), "every file, the ones sent before the outage overwritten");
        Assert.That(await Blobs.MarkerAsync($"{prefix}/.amlignore"), Is.EqualTo("completed"));
        StorageTap.Entry[] log = [.. _tap.Log];
        StorageTap.Entry marker = log.Single(e => e.Method == "PUT" && e.PathAndQuery.Contains("comp=metadata", StringComparison.Ordinal));
        Assert.That(log.Where(e => e.Method == "PUT" && e != marker).Max(e => e.Finished), Is.LessThan(marker.Started),
            "the completion marker is written only after the last file was committed");
    }

    [Test]
    public async Task ACrashBetweenUploadAndRegistrationIsFinishedWithoutUploadingAgain()
    {
        string name = UniqueName("crash");
        string folder = _folders.CreateDiabetes("crash", seed: 91);
        var model = new Model { Name = name, Type = ModelType.MlflowModel, Path = folder };
        Emulator.Faults.Add(new FaultRule { Method = "PUT", PathContains = $"/models/{name}/versions/", StatusCode = 500, Count = 10 });

        var failure = Assert.ThrowsAsync<RequestFailedException>(() => _client.Models.CreateOrUpdateAsync(model));
        Assert.That(failure!.Status, Is.EqualTo(500));
        Emulator.Faults.Clear();
        string prefix = $"LocalUpload/{ContentHash.Compute(folder, IgnoreRules.Load(folder), CancellationToken.None)}/crash";
        Dictionary<string, ETag> uploaded = await Blobs.ETagsAsync(prefix);
        _tap.Clear();

        Model registered = (await _client.Models.CreateOrUpdateAsync(model)).Value;

        Assert.That(registered.Path, Does.EndWith(prefix));
        Assert.That(_tap.Log.Where(e => e.Method == "PUT"), Is.Empty, "nothing uploaded again");
        Assert.That(_tap.Log, Has.Count.LessThanOrEqualTo(3), "the completed upload is recognised with a few reads");
        Assert.That(await Blobs.ETagsAsync(prefix), Is.EqualTo(uploaded));
    }

    private List<Emulator.Diagnostics.RecordedRequest> VersionPuts() =>
        Emulator.Requests.Snapshot().Where(r => r.Method == "PUT" && r.Path.Contains("/versions/", StringComparison.Ordinal)).ToList();

}
