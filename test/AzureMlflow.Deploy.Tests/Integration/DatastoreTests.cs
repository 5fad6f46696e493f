using Azure.Storage.Blobs;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>The default datastore, backed by the emulator's Azurite, and the storage access the SDK derives from it.</summary>
public sealed class DatastoreTests : EmulatorTestBase
{
    [Test]
    public async Task TheDefaultDatastoreIsTheWorkspaceBlobStoreInAzurite()
    {
        Datastore datastore = (await Client.Datastores.GetDefaultAsync()).Value;

        Assert.That(datastore.Name, Is.EqualTo("workspaceblobstore"));
        Assert.That(datastore.DatastoreType, Is.EqualTo("AzureBlob"));
        Assert.That(datastore.ContainerName, Is.EqualTo(Emulator.DefaultDatastoreContainer));
        Assert.That(datastore.BlobServiceUri, Is.EqualTo(Emulator.BlobService!.Uri), "an IP endpoint gives a path-style account URL");
        Assert.That(Client.Datastores.List().Select(d => d.Name), Is.EquivalentTo(new[] { "workspaceblobstore", "workspaceartifactstore" }));
    }

    [Test]
    public async Task TheSasFromListSecretsCanWriteToTheContainer()
    {
        Datastore datastore = (await Client.Datastores.GetAsync("workspaceblobstore")).Value;

        BlobContainerClient container = await Storage.DatastoreStorage.OpenAsync(Client, datastore, async: true, CancellationToken.None);
        await container.UploadBlobAsync("probe/" + Guid.NewGuid(), BinaryData.FromString("hello"));

        var listSecrets = Emulator.Requests.Snapshot().Single(r => r.Path.EndsWith("/listSecrets", StringComparison.Ordinal));
        Assert.That(listSecrets.Body, Is.EqualTo("""{"expirableSecret":true,"expireAfterHours":1}"""));
        Assert.That(container.ToString(), Does.Not.Contain("sig="), "the SAS must not leak through ToString");
    }

    [Test]
    public void AMissingDatastoreIsA404()
    {
        var missing = Assert.ThrowsAsync<Azure.RequestFailedException>(() => Client.Datastores.GetAsync("nope"));
        Assert.That(missing!.Status, Is.EqualTo(404));
    }
}
