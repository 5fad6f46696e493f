using System.Collections.Concurrent;
using Azure.Storage.Blobs;

namespace AzureMlflow.Deploy.Storage;

/// <summary>
/// The blob containers behind a client's datastores, opened once and reused while their SAS (from <c>listSecrets</c>,
/// valid an hour) is fresh, so a second upload, download or log read costs no datastore GET and no listSecrets.
/// A container that storage refuses (403) is forgotten, so the next call asks for new credentials.
/// </summary>
internal sealed class DatastoreContainers(MLClient client)
{
    /// <summary>Well inside the hour listSecrets' SAS lasts.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(45);

    private readonly ConcurrentDictionary<string, (BlobContainerClient Container, string Name, DateTimeOffset Until)> _open = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The container of <paramref name="datastoreName"/>, and the datastore's name as the service spells it.</summary>
    public async ValueTask<(BlobContainerClient Container, string DatastoreName)> OpenAsync(string datastoreName, bool async, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(datastoreName, out var open) && open.Until > DateTimeOffset.UtcNow)
        {
            return (open.Container, open.Name);
        }
        Datastore datastore = (await client.Datastores.GetCoreAsync(datastoreName, async, cancellationToken).ConfigureAwait(false)).Value;
        BlobContainerClient container = await DatastoreStorage.OpenAsync(client, datastore, async, cancellationToken).ConfigureAwait(false);
        _open[datastoreName] = (container, datastore.Name, DateTimeOffset.UtcNow + Lifetime);
        return (container, datastore.Name);
    }

    /// <summary>Drops a container whose credentials storage refused.</summary>
    public void Forget(string datastoreName) => _open.TryRemove(datastoreName, out _);
}
