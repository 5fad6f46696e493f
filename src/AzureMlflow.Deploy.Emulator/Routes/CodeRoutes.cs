using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// <c>codes/{name}/versions</c>: code assets as clients register them (recorded in the Python SDK's tests): a lookup by
/// content hash across all names, <c>startPendingUpload</c> handing out a fresh container with a SAS to upload into, then
/// a synchronous PUT of the version with its <c>codeUri</c>, which cannot change afterwards.
/// </summary>
internal static class CodeRoutes
{
    private const string HashProperty = "hash_sha256";
    private const string HashVersionProperty = "hash_version";

    public static void Map(RouteGroupBuilder workspace, WorkspaceState state, BlobStore? store)
    {
        AssetRoutes.Map(workspace, state, Kind, listVersions: false);

        // The version list doubles as the lookup by content hash across all names (the name in the path is ignored then).
        workspace.MapGet("/codes/{name}/versions", (HttpRequest request, string name) => state.Run(() =>
            request.Query["hash"].ToString() is { Length: > 0 } hash
                ? Paging.Page(request, WithHash(state, hash, request.Query["hashVersion"].ToString()).Select(v => v.Resource).ToList(), state.Options.PageSize)
                : AssetVersions.List(request, state, Kind.FindContainer(state, name))));

        workspace.MapPut("/codes/{name}/versions/{version}", async (HttpRequest request, string name, string version) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => CreateOrUpdateVersion(state, name, version, body));
        });

        workspace.MapPost("/codes/{name}/versions/{version}/startPendingUpload", async (HttpRequest request, string name, string version) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request, optional: true);
            BlobStore blobs = DatastoreRoutes.RequireStore(store);
            // A new container per upload, named as the service names them: the workspace's id and a random suffix.
            string container = $"{state.WorkspaceGuid}-{RandomSuffix()}";
            await blobs.Service.GetBlobContainerClient(container).CreateIfNotExistsAsync();
            return state.Run(() => StartPendingUpload(state, blobs, body, container));
        });
    }

    private static ArmResult StartPendingUpload(WorkspaceState state, BlobStore store, JsonObject body, string container)
    {
        string type = JsonBody.String(body, "pendingUploadType") ?? "TemporaryBlobReference";
        if (!type.Equals("TemporaryBlobReference", StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"Pending upload type '{type}' is not supported; use TemporaryBlobReference.", "pendingUploadType");
        }
        string blobUri = $"{store.AccountUri.AbsoluteUri.TrimEnd('/')}/{container}";
        return ArmResult.Ok(new JsonObject
        {
            ["blobReferenceForConsumption"] = new JsonObject
            {
                ["blobUri"] = blobUri,
                ["storageAccountArmId"] = $"/subscriptions/{state.Options.SubscriptionId}/resourceGroups/{state.Options.ResourceGroup}/providers/Microsoft.Storage/storageAccounts/{BlobStore.AccountName}",
                ["credential"] = new JsonObject
                {
                    ["credentialType"] = "SAS",
                    ["sasUri"] = blobUri + store.CreateSas(container, TimeSpan.FromHours(1), state.ReadOnlyStorageSecrets, deleteAllowed: false),
                },
            },
            ["pendingUploadId"] = Guid.NewGuid().ToString(),
            ["pendingUploadType"] = "None",
        });
    }

    private static IEnumerable<AssetVersionRecord> WithHash(WorkspaceState state, string hash, string hashVersion) =>
        state.Codes.Values.SelectMany(c => c.Versions).Where(v =>
            v.Properties["properties"] is JsonObject properties
            && string.Equals(JsonBody.String(properties, HashProperty), hash, StringComparison.OrdinalIgnoreCase)
            && (hashVersion.Length == 0 || string.Equals(JsonBody.String(properties, HashVersionProperty), hashVersion, StringComparison.Ordinal)));

    private static ArmResult CreateOrUpdateVersion(WorkspaceState state, string name, string version, JsonObject body)
    {
        Rules.AssetName("code", name);
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string codeUri = JsonBody.String(properties, "codeUri") is { Length: > 0 } uri ? uri : throw ServiceException.BadRequest("'properties.codeUri' is required.", "properties.codeUri");
        AssetContainerRecord container = state.Codes.TryGetValue(name, out AssetContainerRecord? found) ? found : AssetVersions.NewContainer(state, "codes", name);
        AssetVersionRecord? existing = container.Versions.FirstOrDefault(v => v.Version == version);
        if (existing is not null && !string.Equals(JsonBody.String(existing.Properties, "codeUri"), codeUri, StringComparison.Ordinal))
        {
            // The service's words (Python matches this text to explain it).
            throw ServiceException.BadRequest("Asset paths cannot be updated.", "properties.codeUri");
        }
        JsonObject resource = Resources.New(state, $"/codes/{name}/versions/{version}", version, "codes/versions", existing?.Resource);
        var stored = (JsonObject)properties.DeepClone();
        stored["isArchived"] ??= false;
        stored["isAnonymous"] ??= false;
        stored["properties"] ??= new JsonObject();
        stored["tags"] ??= new JsonObject();
        stored.TryAdd("description", null);
        stored["provisioningState"] = "Succeeded";
        resource["properties"] = stored;
        AssetVersions.Store(state, state.Codes, container, version, resource, existing);
        return new ArmResult(201, resource.DeepClone());
    }

    public static readonly AssetKind Kind = AssetKind.Standard("codes", state => state.Codes, "CodeNotFound", "Code");

    private static string RandomSuffix()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(25, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
