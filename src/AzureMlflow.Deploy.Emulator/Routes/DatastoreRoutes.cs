using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// <c>datastores</c>: the workspace's default blob datastores, backed by Azurite, and <c>listSecrets</c> (a SAS when an
/// expirable secret is asked for, as newer clients do; the account key otherwise).
/// </summary>
internal static class DatastoreRoutes
{
    public const string DefaultDatastore = "workspaceblobstore";

    public static void Map(RouteGroupBuilder workspace, WorkspaceState state, BlobStore? store)
    {
        workspace.MapGet("/datastores", (HttpRequest request) => state.Run(() =>
            Paging.Page(request, Containers(state).Where(d => Listed(request, d.Name)).Select(d => Describe(state, RequireStore(store), d.Name, d.Container)).ToList(),
                int.TryParse(request.Query["count"], out int count) && count > 0 ? count : state.Options.PageSize)));

        workspace.MapGet("/datastores/{name}", (string name) => state.Run(() =>
            ArmResult.Ok(Describe(state, RequireStore(store), name, Find(state, name)))));

        workspace.MapPost("/datastores/{name}/listSecrets", async (HttpRequest request, string name) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request, optional: true);
            return state.Run(() =>
            {
                BlobStore blobs = RequireStore(store);
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
    public static IReadOnlyList<(string Name, string Container)> Containers(WorkspaceState state) =>
    [
        (DefaultDatastore, $"azureml-blobstore-{state.WorkspaceGuid}"),
        ("workspaceartifactstore", "azureml"),
    ];

    /// <summary>The container behind a datastore; 404 with the service's message when the workspace has no such datastore.</summary>
    public static string Find(WorkspaceState state, string name) =>
        Containers(state).FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Container
            ?? throw new ServiceException(404, new ServiceError("UserError", $"DataStore '{name}' was not found in the workspace '{state.Options.WorkspaceName}'."));

    public static BlobStore RequireStore(BlobStore? store) => store ?? throw new ServiceException(503, new ServiceError(
        "StorageUnavailable", "The emulator runs without blob storage because Azurite was not found. " + AzuriteLocator.InstallHint));

    private static JsonObject Describe(WorkspaceState state, BlobStore store, string name, string container)
    {
        string canonical = Containers(state).First(d => d.Container == container).Name;
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
