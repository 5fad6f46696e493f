using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary><c>models</c> (containers) and <c>models/{name}/versions</c>: immutable asset paths, <c>nextVersion</c>, ordering, list views and deletes.</summary>
internal static partial class ModelRoutes
{
    [GeneratedRegex("^/subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.MachineLearningServices/workspaces/(?<ws>[^/]+)/models/(?<name>[^/]+)/versions/(?<version>[^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ModelVersionId();

    [GeneratedRegex("/resourcegroups/", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceGroupsSegment();

    public static void Map(RouteGroupBuilder workspace, WorkspaceState state)
    {
        AssetRoutes.Map(workspace, state, Kind);

        workspace.MapPut("/models/{name}/versions/{version}", async (HttpRequest request, string name, string version) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => CreateOrUpdateVersion(request, state, name, version, body));
        });
    }

    /// <summary>The model name in a model version's ARM id (<c>.../models/{name}/versions/{version}</c>).</summary>
    public static string NameOf(string modelId)
    {
        string[] parts = modelId.Split('/');
        int models = Array.FindLastIndex(parts, p => p.Equals("models", StringComparison.OrdinalIgnoreCase));
        return models >= 0 && models + 1 < parts.Length ? parts[models + 1] : modelId;
    }

    /// <summary>
    /// The registered model version an ARM id points to, or null for references the emulator cannot see (registries).
    /// A missing version in this workspace is the user's error.
    /// </summary>
    public static AssetVersionRecord? FindById(WorkspaceState state, string modelId)
    {
        Match match = ModelVersionId().Match(modelId);
        if (!match.Success)
        {
            return modelId.StartsWith("azureml://registries/", StringComparison.OrdinalIgnoreCase)
                ? null
                : throw ServiceException.BadRequest($"'{modelId}' is not a model version resource id.", "properties.model");
        }
        EmulatorOptions options = state.Options;
        if (!match.Groups["sub"].Value.Equals(options.SubscriptionId, StringComparison.OrdinalIgnoreCase)
            || !match.Groups["rg"].Value.Equals(options.ResourceGroup, StringComparison.OrdinalIgnoreCase)
            || !match.Groups["ws"].Value.Equals(options.WorkspaceName, StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceException.BadRequest($"Model '{modelId}' belongs to another workspace.", "properties.model");
        }
        string name = match.Groups["name"].Value;
        string version = match.Groups["version"].Value;
        return state.Models.TryGetValue(name, out AssetContainerRecord? container) && container.Versions.FirstOrDefault(v => v.Version == version) is { } found
            ? found
            : throw ServiceException.BadRequest($"Model '{name}' version '{version}' was not found in the workspace.", "properties.model");
    }

    /// <summary>Models: a missing version (even of a missing container) is NoSuchModelRegistered, as the service reports it.</summary>
    public static readonly AssetKind Kind = new(
        "models",
        state => state.Models,
        (_, name) => ServiceException.NotFound("ModelNotFound", $"Model container with name: {name} not found."),
        (state, name, version) => ServiceException.NotFound("NoSuchModelRegistered",
            $"There is no registered model in Account Subscription: {state.Options.SubscriptionId}, ResourceGroup: {state.Options.ResourceGroup}, Workspace: {state.Options.WorkspaceName} with id {name}:{version}"));

    private static ArmResult CreateOrUpdateVersion(HttpRequest request, WorkspaceState state, string name, string version, JsonObject body)
    {
        Rules.AssetName("model", name);
        JsonObject properties = body["properties"] as JsonObject ?? throw ServiceException.BadRequest("'properties' is required.", "properties");
        // The service stores datastore URIs with ARM's casing (resourcegroups -> resourceGroups) and compares them so.
        string modelUri = ResourceGroupsSegment().Replace(
            JsonBody.String(properties, "modelUri") ?? throw ServiceException.BadRequest("'properties.modelUri' is required.", "properties.modelUri"), "/resourceGroups/");

        if (modelUri.StartsWith("runs:/", StringComparison.OrdinalIgnoreCase)
            && modelUri["runs:/".Length..].Split('/')[0] is var run && !state.Options.Runs.Contains(run) && !state.Jobs.ContainsKey(run))
        {
            throw new ServiceException(400, new ServiceError("UserError", $"The model path '{modelUri}' names the run '{run}', which does not exist in workspace '{state.Options.WorkspaceName}'.",
                "properties.modelUri", [new ServiceError("RunNotFound", $"Run '{run}' was not found.")]));
        }
        AssetContainerRecord container = state.Models.TryGetValue(name, out AssetContainerRecord? found) ? found : AssetVersions.NewContainer(state, "models", name);
        AssetVersionRecord? existing = container.Versions.FirstOrDefault(v => v.Version == version);
        if (existing is not null && !string.Equals(JsonBody.String(existing.Properties, "modelUri"), modelUri, StringComparison.Ordinal))
        {
            throw ServiceException.BadRequest("Asset paths cannot be updated.", "properties.modelUri");
        }

        JsonObject resource = Resources.New(state, $"/models/{name}/versions/{version}", version, "models/versions", existing?.Resource);
        var stored = (JsonObject)properties.DeepClone();
        stored["modelUri"] = modelUri;
        stored["flavors"] ??= new JsonObject();
        stored["modelType"] ??= "custom_model";
        stored["isArchived"] ??= false;
        stored["isAnonymous"] ??= false;
        stored["properties"] ??= new JsonObject();
        stored["tags"] ??= new JsonObject();
        stored["provisioningState"] = "Succeeded";
        foreach (string unset in new[] { "description", "jobName", "autoDeleteSetting", "intellectualProperty" })
        {
            stored.TryAdd(unset, null); // the service sends every field, null when not set
        }
        stored["stage"] = stored["isArchived"]!.GetValue<bool>() ? "Archived" : stored["isAnonymous"]!.GetValue<bool>() ? "Logged" : "Development";
        resource["properties"] = stored;

        AssetVersions.Store(state, state.Models, container, version, resource, existing);
        // A new version answers 201 with its own URL in Location; an update (archive, restore) 200 without one.
        return existing is null
            ? new ArmResult(201, resource.DeepClone()).WithHeader("Location", $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}")
            : new ArmResult(200, resource.DeepClone());
    }
}
