using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Storage;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Registering MLflow models from local folders: upload through Azurite, dedup by content hash, crash safety, download.</summary>
public sealed class LocalModelUploadTests : EmulatorTestBase
{
    private ModelFolders _folders = null!;

    [OneTimeSetUp]
    public void CreateFolders() => _folders = new ModelFolders();

    [OneTimeTearDown]
    public void DeleteFolders() => _folders.Dispose();

    private DatastoreBlobs Blobs => new(Emulator);

    private BlobContainerClient Container => Blobs.Container;

    [Test]
    public async Task AFolderIsUploadedUnderItsContentHashAndRegisteredWithItsFlavors()
    {
        string name = UniqueName("diabetes");
        string folder = _folders.CreateDiabetes("sklearn-diabetes");

        Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = folder })).Value;

        string hash = ContentHash.Compute(folder, IgnoreRules.Load(folder), CancellationToken.None);
        string prefix = $"LocalUpload/{hash}/sklearn-diabetes";
        Assert.That(model.Version, Is.EqualTo("1"));
        // Sent as the Python SDK writes it (resourcegroups); stored with ARM's casing, as the service answers.
        Assert.That(Emulator.Requests.Snapshot().Single(r => r.Method == "PUT" && r.Path.EndsWith($"/models/{name}/versions/1", StringComparison.Ordinal)).Body,
            Does.Contain($"azureml://subscriptions/{Emulator.Options.SubscriptionId}/resourcegroups/{Emulator.Options.ResourceGroup}/workspaces/"));
        Assert.That(model.Path, Is.EqualTo(
            $"azureml://subscriptions/{Emulator.Options.SubscriptionId}/resourceGroups/{Emulator.Options.ResourceGroup}/workspaces/{Emulator.Options.WorkspaceName}/datastores/workspaceblobstore/paths/{prefix}"));
        Assert.That(await Blobs.NamesAsync(prefix), Is.EquivalentTo(new[]
        {
            $"{prefix}/.amlignore", $"{prefix}/MLmodel", $"{prefix}/conda.yaml", $"{prefix}/data/scaler.bin", $"{prefix}/model.pkl",
        }), "ignored files (logs/, *.tmp) are not uploaded");
        IDictionary<string, string> marker = (await Container.GetBlobClient($"{prefix}/.amlignore").GetPropertiesAsync()).Value.Metadata;
        Assert.That(marker, Is.EquivalentTo(new Dictionary<string, string> { ["upload_status"] = "completed", ["name"] = name, ["version"] = "1" }),
            "the first file in the Python SDK's order carries the completion marker");
        byte[] uploaded = (await Container.GetBlobClient($"{prefix}/model.pkl").DownloadContentAsync()).Value.Content.ToArray();
        Assert.That(uploaded, Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(folder, "model.pkl"))));

        JsonObject body = JsonNode.Parse(Emulator.Requests.Snapshot().Single(r => r.Method == "PUT" && r.Path.Contains("/versions/", StringComparison.Ordinal)).Body)!.AsObject();
        Assert.That(body["properties"]!["flavors"]!["sklearn"]!["data"]!["sklearn_version"]!.GetValue<string>(), Is.EqualTo("0.24.1"));
        Assert.That(body["properties"]!["flavors"]!["python_function"]!["data"]!["loader_module"]!.GetValue<string>(), Is.EqualTo("mlflow.sklearn"));
    }

    [Test]
    public async Task TheSameContentIsNotUploadedTwice()
    {
        string name = UniqueName("dedup");
        string folder = _folders.CreateDiabetes("dedup-model", seed: 7);
        Model first = (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = folder })).Value;
        string prefix = first.Path![(first.Path!.IndexOf("/paths/", StringComparison.Ordinal) + 7)..];
        Dictionary<string, ETag> before = await Blobs.ETagsAsync(prefix);

        var reports = new List<UploadProgress>();
        Emulator.Requests.Clear();
        Model second = (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = folder }, new SyncProgress(reports.Add))).Value;

        Assert.That(Emulator.Requests.Snapshot().Select(r => $"{r.Method} {r.Path[(r.Path.IndexOf("/models/", StringComparison.Ordinal) + 1)..]}"),
            Is.EqualTo(new[] { $"GET models/{name}", $"PUT models/{name}/versions/2" }),
            "the hash, the next version, one storage read (the completion marker, not seen here) and the registration: the datastore was opened before");
        Assert.That(second.Version, Is.EqualTo("2"));
        Assert.That(second.Path, Is.EqualTo(first.Path));
        Assert.That(await Blobs.ETagsAsync(prefix), Is.EquivalentTo(before), "no blob was rewritten");
        Assert.That(reports, Has.Count.EqualTo(1));
        Assert.That(reports[0].AlreadyUploaded, Is.True);
    }

    [Test]
    public async Task ACancelledUploadIsNeitherMarkedCompleteNorRegisteredAndARetryFinishesIt()
    {
        string name = UniqueName("cancel");
        string folder = _folders.CreateMany("many-files", count: 40, size: 64 * 1024);
        using var cancel = new CancellationTokenSource();
        var model = new Model { Name = name, Type = ModelType.MlflowModel, Path = folder };

        Assert.CatchAsync<OperationCanceledException>(() =>
            Client.Models.CreateOrUpdateAsync(model, new SyncProgress(_ => cancel.Cancel()), cancel.Token));

        string hash = ContentHash.Compute(folder, IgnoreRules.Load(folder), CancellationToken.None);
        string prefix = $"LocalUpload/{hash}/many-files";
        Assert.That(await Blobs.MarkerAsync($"{prefix}/.amlignore"), Is.Null, "a cancelled upload must not look complete");
        Assert.That(Emulator.Requests.Snapshot().Any(r => r.Method == "PUT" && r.Path.Contains("/versions/", StringComparison.Ordinal)), Is.False,
            "no model version may be registered over a partial upload");

        Model registered = (await Client.Models.CreateOrUpdateAsync(model)).Value;

        Assert.That(registered.Version, Is.EqualTo("1"));
        Assert.That(await Blobs.MarkerAsync($"{prefix}/.amlignore"), Is.EqualTo("completed"));
        Assert.That((await Blobs.NamesAsync(prefix)).Count, Is.EqualTo(5 + 40));
    }

    [Test]
    public async Task APartialUploadLeftByACrashIsOverwritten()
    {
        string name = UniqueName("partial");
        string folder = _folders.CreateDiabetes("crashed-model", seed: 11);
        string hash = ContentHash.Compute(folder, IgnoreRules.Load(folder), CancellationToken.None);
        string prefix = $"LocalUpload/{hash}/crashed-model";
        // What a crash leaves: some files, one of them truncated, and no completion marker.
        await Container.UploadBlobAsync($"{prefix}/.amlignore", BinaryData.FromString("logs/\n"));
        await Container.UploadBlobAsync($"{prefix}/model.pkl", BinaryData.FromBytes(new byte[10]));

        await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = folder });

        byte[] uploaded = (await Container.GetBlobClient($"{prefix}/model.pkl").DownloadContentAsync()).Value.Content.ToArray();
        Assert.That(uploaded, Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(folder, "model.pkl"))));
        Assert.That(await Blobs.MarkerAsync($"{prefix}/.amlignore"), Is.EqualTo("completed"));
    }

    [Test]
    public async Task RegisteringAnExistingVersionWithOtherFilesSurfacesTheServiceMessage()
    {
        string name = UniqueName("conflict");
        await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Version = "1", Type = ModelType.MlflowModel, Path = _folders.CreateDiabetes("v", seed: 21) });

        var conflict = Assert.ThrowsAsync<RequestFailedException>(() =>
            Client.Models.CreateOrUpdateAsync(new Model { Name = name, Version = "1", Type = ModelType.MlflowModel, Path = _folders.CreateDiabetes("v", seed: 22) }));

        Assert.That(conflict!.Status, Is.EqualTo(400));
        Assert.That(conflict.Message, Does.Contain("Asset paths cannot be updated."));
    }

    [Test]
    public async Task ProgressCountsEveryByteAndFileOnce()
    {
        string folder = _folders.CreateMany("progress", count: 12, size: 10_000);
        var reports = new System.Collections.Concurrent.ConcurrentBag<UploadProgress>();

        await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("progress"), Type = ModelType.MlflowModel, Path = folder }, new SyncProgress(reports.Add));

        // Uploaded: MLmodel, conda.yaml, model.pkl, data/scaler.bin, .amlignore and the 12 parts (logs/ and *.tmp are ignored).
        long expectedBytes = new[] { "MLmodel", "conda.yaml", "model.pkl", ".amlignore", Path.Combine("data", "scaler.bin") }
            .Sum(f => new FileInfo(Path.Combine(folder, f)).Length) + 12 * 10_000;
        Assert.That(reports.Select(r => (r.TotalFiles, r.TotalBytes)).Distinct(), Is.EqualTo(new[] { (17, expectedBytes) }));
        Assert.That(reports.Max(r => r.FilesCompleted), Is.EqualTo(17));
        Assert.That(reports.Max(r => r.BytesTransferred), Is.EqualTo(expectedBytes));
        Assert.That(reports.All(r => r.BytesTransferred <= r.TotalBytes && r.FilesCompleted <= r.TotalFiles && !r.AlreadyUploaded), Is.True);
        Assert.That(reports.Count(r => r.FilesCompleted == 17 && r.BytesTransferred == expectedBytes), Is.EqualTo(1), "exactly one report says everything is done");
    }

    [Test]
    public async Task ALargeFileGoesInBlocksOfTheConfiguredSize()
    {
        MLClientOptions options = EmulatorClients.Options(Emulator);
        options.UploadBlockSize = 64 * 1024;
        MLClient client = EmulatorClients.Create(Emulator, options: options);
        string folder = _folders.CreateDiabetes("blocks", pickleBytes: 300 * 1024, seed: 77);

        Model model = (await client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("blocks"), Type = ModelType.MlflowModel, Path = folder })).Value;

        string prefix = model.Path![(model.Path!.IndexOf("/paths/", StringComparison.Ordinal) + 7)..];
        var blob = Container.GetBlockBlobClient($"{prefix}/model.pkl");
        BlockList blocks = (await blob.GetBlockListAsync(BlockListTypes.Committed)).Value;
        Assert.That(blocks.CommittedBlocks.Select(b => b.SizeLong), Is.EqualTo(new long[] { 65536, 65536, 65536, 65536, 45056 }));
        Assert.That((await blob.DownloadContentAsync()).Value.Content.ToArray(), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(folder, "model.pkl"))));
    }

    [Test]
    public async Task FilesUploadInParallelButNeverBeyondUploadConcurrency()
    {
        MLClientOptions options = EmulatorClients.Options(Emulator);
        var probe = new ConcurrencyProbe(Emulator.CreateHttpMessageHandler(), r => r.Method == HttpMethod.Put && r.RequestUri!.Port != Emulator.BaseUri.Port);
        options.Transport = new Azure.Core.Pipeline.HttpClientTransport(probe);
        options.UploadConcurrency = 3;
        MLClient client = EmulatorClients.Create(Emulator, options: options);
        string folder = _folders.CreateMany("parallel", count: 15, size: 1000);

        await client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("parallel"), Type = ModelType.MlflowModel, Path = folder });

        Assert.That(probe.Total, Is.GreaterThanOrEqualTo(20), "one PUT per file, plus the completion metadata");
        Assert.That(probe.MaxInFlight, Is.EqualTo(3));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AStorage403NamesTheRoleAndRegistersNothing(bool async)
    {
        Emulator.Faults.RestrictStorageToReadOnly();
        // A client that has not opened the datastore yet (a client keeps a datastore's SAS for up to 45 minutes).
        MLClient client = EmulatorClients.Create(Emulator);
        var model = new Model { Name = UniqueName("denied"), Type = ModelType.MlflowModel, Path = _folders.CreateDiabetes(async ? "denied" : "denied-sync", seed: async ? 61 : 62) };

        // Several files fail at once: the sync path's parallel loop must not hide the 403 in an AggregateException.
        var denied = async
            ? Assert.ThrowsAsync<RequestFailedException>(() => client.Models.CreateOrUpdateAsync(model))
            : Assert.Throws<RequestFailedException>(() => client.Models.CreateOrUpdate(model));

        Assert.That(denied!.Status, Is.EqualTo(403));
        Assert.That(denied.Message, Does.Contain("Storage Blob Data Contributor"));
        Assert.That(denied.Message, Does.Not.Contain("sig="), "the SAS must not appear in the message");
        Assert.That(Emulator.Requests.Snapshot().Any(r => r.Method == "PUT" && r.Path.Contains("/versions/", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task ADownloadReproducesTheUploadedFolder()
    {
        string name = UniqueName("down");
        string folder = _folders.CreateDiabetes("round-trip", seed: 31);
        Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = folder })).Value;
        string target = Directory.CreateTempSubdirectory("aml-download-").FullName;
        try
        {
            string local = (await Client.Models.DownloadAsync(name, model.Version!, target)).Value;

            Assert.That(local, Is.EqualTo(Path.Combine(target, name, "round-trip")));
            foreach (string relative in new[] { "MLmodel", "conda.yaml", "model.pkl", Path.Combine("data", "scaler.bin"), ".amlignore" })
            {
                Assert.That(await File.ReadAllBytesAsync(Path.Combine(local, relative)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(folder, relative))), relative);
            }
            Assert.That(Directory.Exists(Path.Combine(local, "logs")), Is.False);
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Test]
    public async Task ADownloadNeverWritesThroughALinkPlantedInTheTarget()
    {
        string name = UniqueName("link");
        string folder = _folders.CreateDiabetes("linked", seed: 41);
        Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = folder })).Value;
        string target = Directory.CreateTempSubdirectory("aml-download-").FullName;
        string outside = Directory.CreateTempSubdirectory("aml-outside-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(target, name, "linked"));
            Directory.CreateSymbolicLink(Path.Combine(target, name, "linked", "data"), outside);

            var refused = Assert.ThrowsAsync<InvalidOperationException>(() => Client.Models.DownloadAsync(name, model.Version!, target));

            Assert.That(refused!.Message, Does.Contain("through the symbolic link"));
            Assert.That(Directory.EnumerateFileSystemEntries(outside), Is.Empty, "nothing was written through the link");
            Assert.That(Directory.EnumerateFiles(Path.Combine(target, name), "*", SearchOption.TopDirectoryOnly), Is.Empty);
            Assert.That(File.Exists(Path.Combine(target, name, "linked", "MLmodel")), Is.False, "names are all checked before any file is written");
        }
        finally
        {
            Directory.Delete(target, true);
            Directory.Delete(outside, true);
        }
    }

    [Test]
    public async Task ArchivedVersionsLeaveTheDefaultListAndComeBackOnRestore()
    {
        string name = UniqueName("arch");
        string folder = _folders.CreateDiabetes("archived", seed: 41);
        await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = folder });
        await Client.Models.CreateOrUpdateAsync(new Model { Name = name, Type = ModelType.MlflowModel, Path = folder });

        await Client.Models.ArchiveAsync(name, "1");
        Assert.That(Client.Models.List(name).Select(m => m.Version), Is.EqualTo(new[] { "2" }));
        Assert.That(Client.Models.List(name, ListViewType.ArchivedOnly).Select(m => m.Version), Is.EqualTo(new[] { "1" }));
        Assert.That(Client.Models.List(name, ListViewType.All).Count(), Is.EqualTo(2));

        await Client.Models.RestoreAsync(name, "1");
        Assert.That(Client.Models.List(name).Count(), Is.EqualTo(2));
    }

    [Test]
    public void TheSynchronousApiUploadsToo()
    {
        string name = UniqueName("sync");
        Model model = Client.Models.CreateOrUpdate(new Model { Name = name, Type = ModelType.MlflowModel, Path = _folders.CreateDiabetes("sync-model", seed: 51) }).Value;
        Assert.That(model.Path, Does.Contain("/paths/LocalUpload/"));
    }

    [Test]
    public void LocalProblemsAreReportedBeforeAnyRequest()
    {
        string empty = Directory.CreateTempSubdirectory("aml-empty-").FullName;
        string noMlmodel = Directory.CreateTempSubdirectory("aml-nomlmodel-").FullName;
        File.WriteAllText(Path.Combine(noMlmodel, "model.pkl"), "x");
        try
        {
            Assert.ThrowsAsync<ArgumentException>(() => Client.Models.CreateOrUpdateAsync(new Model { Name = "m", Type = ModelType.MlflowModel, Path = noMlmodel }));
            Assert.ThrowsAsync<ArgumentException>(() => Client.Models.CreateOrUpdateAsync(new Model { Name = "m", Type = ModelType.CustomModel, Path = empty }));
            Assert.ThrowsAsync<ArgumentException>(() => Client.Models.CreateOrUpdateAsync(new Model { Name = "m", Type = ModelType.MlflowModel, Path = Path.Combine(empty, "missing") }));
            Assert.That(Emulator.Requests.Snapshot(), Is.Empty);
        }
        finally
        {
            Directory.Delete(empty, true);
            Directory.Delete(noMlmodel, true);
        }
    }

    /// <summary>Reports synchronously on the reporting thread (System.Progress would post to a context and arrive late).</summary>
    private sealed class SyncProgress(Action<UploadProgress> onReport) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value)
        {
            lock (this)
            {
                onReport(value);
            }
        }
    }
}
