using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// <c>datastores</c>: the workspace's default blob datastores, backed by Azurite, and <c>listSecrets</c> (a SAS when an
/// expirable secret is asked for, as newer clients do; the account key otherwise); datastores registered and deleted
/// by clients (an Azure Blob datastore of the emulator's account is as readable as the default one).
/// </summary>
internal static class DatastoreRoutes
{
    public const string DefaultDatastore = "workspaceblobstore";

    public static void Map(RouteGroupBuilder workspace, WorkspaceState state, BlobStore? store)
    {
        workspace.MapGet("/datastores", (HttpRequest request) => state.Run(() =>
            Paging.Page(request, Defaults(state).Select(d => d.Name).Concat(state.Datastores.Keys).Where(d => Listed(request, d))
                    .Select(d => Describe(state, RequireStore(store), d)).ToList(),
                int.TryParse(request.Query["count"], out int count) && count > 0 ? count : state.Options.PageSize)));

        workspace.MapGet("/datastores/{name}", (string name) => state.Run(() =>
            ArmResult.Ok(Describe(state, RequireStore(store), name))));

        workspace.MapPut("/datastores/{name}", async (HttpRequest request, string name) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            BlobStore blobs = RequireStore(store);
            string? container = OwnContainer(body);
            // The service checks that it can reach the storage unless told not to; the emulator can check its own account.
            bool skipValidation = bool.TryParse(request.Query["skipValidation"], out bool skip) && skip;
            if (container is not null && !skipValidation
                && !(await blobs.Service.GetBlobContainerClient(container).ExistsAsync(request.HttpContext.RequestAborted)).Value)
            {
                throw ServiceException.BadRequest($"The container '{container}' does not exist in storage account '{BlobStore.AccountName}'.", "properties.containerName");
            }
            return state.Run(() => Register(state, name, body, container));
        });

        workspace.MapDelete("/datastores/{name}", (string name) => state.Run(() =>
        {
            if (Defaults(state).Any(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw ServiceException.BadRequest($"'{name}' is one of the workspace's own datastores and cannot be deleted.");
            }
            return new ArmResult(state.Datastores.Remove(name) ? 200 : 204);
        }));

        workspace.MapPost("/datastores/{name}/listSecrets", async (HttpRequest request, string name) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request, optional: true);
            return state.Run(() =>
            {
                BlobStore blobs = RequireStore(store);
                if (state.Datastores.TryGetValue(name, out DatastoreRecord? registered))
                {
                    return registered.Secrets is { } secrets
                        ? ArmResult.Ok(secrets.DeepClone())
                        : throw ServiceException.BadRequest($"Datastore '{name}' has no secrets (its credentials are an identity).");
                }
                string container = Find(state, name);
                bool expirable = body["expirableSecret"]?.GetValue<bool>() ?? false;
                if (!expirable)
                {
                    return ArmResult.Ok(new JsonObject { ["secretsType"] = "AccountKey", ["key"] = BlobStore.AccountKey });
                }
                int hours = JsonBody.Int(body, "expireAfterHours") ?? 1;
                return ArmResult.Ok(new JsonObject { ["secretsType"] = "Sas", ["sasToken"] = blobs.CreateSas(container, TimeSpan.FromHours(Math.Clamp(hours, 1, 24)), state.ReadOnlyStorageSecrets) });
            });
        });
    }

    /// <summary>
    /// Whether a datastore passes the list's filters: <c>isDefault</c> (azure-ai-ml finds the default datastore so),
    /// <c>names</c> (any of them) and <c>searchText</c> (in the name).
    /// </summary>
    private static bool Listed(HttpRequest request, string name)
    {
        bool isDefault = name == DefaultDatastore;
        string[] names = [.. request.Query["names"].SelectMany(n => (n ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        return (!bool.TryParse(request.Query["isDefault"], out bool wantDefault) || wantDefault == isDefault)
            && (names.Length == 0 || names.Contains(name, StringComparer.OrdinalIgnoreCase))
            && name.Contains(request.Query["searchText"].ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The datastores every workspace has, and the containers behind them.</summary>
    public static IReadOnlyList<(string Name, string Container)> Defaults(WorkspaceState state) =>
    [
        (DefaultDatastore, $"azureml-blobstore-{state.WorkspaceGuid}"),
        ("workspaceartifactstore", "azureml"),
    ];

    /// <summary>Every datastore the emulator can read: the defaults and the registered ones on its own storage account.</summary>
    public static IReadOnlyList<(string Name, string Container)> Containers(WorkspaceState state) =>
        [.. Defaults(state), .. state.Datastores.Values.Where(d => d.Container is not null).Select(d => (d.Name, d.Container!))];

    /// <summary>The container behind a datastore; 404 with the service's message when the workspace has no such datastore.</summary>
    public static string Find(WorkspaceState state, string name) =>
        Containers(state).FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Container
            ?? throw NotFound(state, name);

    private static ServiceException NotFound(WorkspaceState state, string name) =>
        new(404, new ServiceError("UserError", $"DataStore '{name}' was not found in the workspace '{state.Options.WorkspaceName}'."));

    /// <summary>The Azurite container an Azure Blob datastore of the emulator's own account names; null for any other storage.</summary>
    private static string? OwnContainer(JsonObject body)
    {
        JsonObject? properties = body["properties"] as JsonObject;
        return string.Equals(JsonBody.String(properties, "datastoreType"), "AzureBlob", StringComparison.OrdinalIgnoreCase)
            && string.Equals(JsonBody.String(properties, "accountName"), BlobStore.AccountName, StringComparison.Ordinal)
                ? JsonBody.String(properties, "containerName")
                : null;
    }

    /// <summary>Registers (or updates) a datastore: the resource keeps the credentials' type, not their secrets.</summary>
    private static ArmResult Register(WorkspaceState state, string name, JsonObject body, string? container)
    {
        Rules.AssetName("datastore", name);
        if (Defaults(state).Any(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            throw ServiceException.BadRequest($"'{name}' is one of the workspace's own datastores and cannot be replaced.");
        }
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        string type = JsonBody.String(properties, "datastoreType") ?? throw ServiceException.BadRequest("'properties.datastoreType' is required.", "properties.datastoreType");
        JsonObject credentials = properties["credentials"] as JsonObject ?? throw ServiceException.BadRequest("'properties.credentials' is required.", "properties.credentials");
        string credentialsType = JsonBody.String(credentials, "credentialsType") ?? throw ServiceException.BadRequest("'properties.credentials.credentialsType' is required.", "properties.credentials.credentialsType");
        JsonObject? secrets = credentials["secrets"] is JsonObject sent ? (JsonObject)sent.DeepClone() : null;
        if (secrets is not null)
        {
            secrets["secretsType"] = JsonBody.String(secrets, "secretsType") ?? credentialsType;
        }
        state.Datastores.TryGetValue(name, out DatastoreRecord? existing);
        JsonObject resource = Resources.New(state, $"/datastores/{name}", name, "datastores", existing?.Resource);
        var stored = (JsonObject)properties.DeepClone();
        var shown = (JsonObject)credentials.DeepClone();
        shown.Remove("secrets");
        stored["credentials"] = shown;
        stored["datastoreType"] = type;
        stored["isDefault"] = false;
        stored.TryAdd("description", null);
        stored["tags"] ??= new JsonObject();
        stored["properties"] ??= new JsonObject();
        resource["properties"] = stored;
        state.Datastores[name] = new DatastoreRecord(name, resource, secrets, container);
        return ArmResult.Ok(resource.DeepClone());
    }

    public static BlobStore RequireStore(BlobStore? store) => store ?? throw new ServiceException(503, new ServiceError(
        "StorageUnavailable", "The emulator runs without blob storage because Azurite was not found. " + AzuriteLocator.InstallHint));

    /// <summary>A registered datastore as stored, or one of the defaults as the service describes them; 404 for any other.</summary>
    private static JsonObject Describe(WorkspaceState state, BlobStore store, string name)
    {
        if (state.Datastores.TryGetValue(name, out DatastoreRecord? registered))
        {
            return (JsonObject)registered.Resource.DeepClone();
        }
        (string canonical, string container) = Defaults(state).FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            throw NotFound(state, name);
        }
        JsonObject resource = Resources.New(state, $"/datastores/{canonical}", canonical, "datastores", null);
        resource["properties"] = new JsonObject
        {
            ["datastoreType"] = "AzureBlob",
            ["accountName"] = BlobStore.AccountName,
            ["containerName"] = container,
            // An IP endpoint: clients build the path-style URL http://127.0.0.1:port/devstoreaccount1, as for any IP-addressed storage.
            ["endpoint"] = store.DatastoreEndpoint,
            ["protocol"] = "http",
            ["serviceDataAccessAuthIdentity"] = "None",
            ["credentials"] = new JsonObject { ["credentialsType"] = "AccountKey" },
            ["isDefault"] = canonical == DefaultDatastore,
            ["description"] = canonical == DefaultDatastore ? "The workspace's default blob datastore (Azurite)." : null,
            ["properties"] = new JsonObject(),
            ["tags"] = new JsonObject(),
            // The service names the account's subscription and resource group on the workspace's own datastores.
            ["subscriptionId"] = state.Options.SubscriptionId,
            ["resourceGroup"] = state.Options.ResourceGroup,
        };
        return resource;
    }
}
