using System.Globalization;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>What every versioned asset (models, environments, code) does alike: containers, list views, version lists, storing versions.</summary>
internal static class AssetVersions
{
    /// <summary>Whether an asset shows in a list with the request's <c>listViewType</c> (active only by default).</summary>
    public static bool InView(HttpRequest request, JsonObject properties)
    {
        bool archived = properties["isArchived"]?.GetValue<bool>() ?? false;
        return request.Query["listViewType"].ToString().ToLowerInvariant() switch
        {
            "archivedonly" => archived,
            "all" => true,
            _ => !archived,
        };
    }

    /// <summary>A container's versions in view, oldest first or by <c>$orderBy=createdtime desc</c>, at most <c>$top</c>.</summary>
    public static ArmResult List(HttpRequest request, WorkspaceState state, AssetContainerRecord container)
    {
        IEnumerable<AssetVersionRecord> versions = container.Versions.Where(v => InView(request, v.Properties));
        if (request.Query["$orderBy"].ToString().Trim().Equals("createdtime desc", StringComparison.OrdinalIgnoreCase))
        {
            versions = versions.Reverse();
        }
        if (int.TryParse(request.Query["$top"], out int top) && top >= 0)
        {
            versions = versions.Take(top);
        }
        return Paging.Page(request, versions.Select(v => v.Resource).ToList(), state.Options.PageSize);
    }

    /// <summary>A PUT of a container: its description, tags, properties and archive state.</summary>
    public static ArmResult UpdateContainer(Dictionary<string, AssetContainerRecord> containers, string name, JsonObject body, Func<AssetContainerRecord> create)
    {
        bool created = !containers.TryGetValue(name, out AssetContainerRecord? container);
        container ??= create();
        containers[name] = container;
        if (body["properties"] is JsonObject properties)
        {
            // dataType: a data container names the type its versions have.
            foreach (string field in new[] { "description", "tags", "properties", "isArchived", "dataType" })
            {
                Resources.CopyIfPresent(properties, container.Properties, field);
            }
        }
        return new ArmResult(created ? 201 : 200, container.Resource.DeepClone());
    }

    /// <summary>A new container of <paramref name="kind"/> (<c>models</c>, <c>environments</c>, <c>codes</c>) as the service shows it before its first version.</summary>
    public static AssetContainerRecord NewContainer(WorkspaceState state, string kind, string name)
    {
        JsonObject resource = Resources.New(state, $"/{kind}/{name}", name, kind, null);
        resource["properties"] = new JsonObject
        {
            ["description"] = null,
            ["isArchived"] = false,
            ["tags"] = new JsonObject(),
            ["properties"] = new JsonObject(),
            ["nextVersion"] = "1",
            ["provisioningState"] = "Succeeded",
        };
        return new AssetContainerRecord(name, resource);
    }

    /// <summary>Stores a registered version: a new one is added (the container's latest and next versions move on), an existing one replaced.</summary>
    public static void Store(WorkspaceState state, Dictionary<string, AssetContainerRecord> containers, AssetContainerRecord container, string version, JsonObject resource, AssetVersionRecord? existing)
    {
        if (existing is not null)
        {
            existing.Resource = resource;
            return;
        }
        container.Versions.Add(new AssetVersionRecord(version, resource, state.Now));
        containers[container.Name] = container;
        container.Properties["latestVersion"] = version;
        // One more than the highest numeric version, as the service computes nextVersion.
        long highest = container.Versions.Select(v => long.TryParse(v.Version, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : 0).DefaultIfEmpty(0).Max();
        container.Properties["nextVersion"] = (highest + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Removes a version; the container's latest version falls back to the newest one left (its next version does not
    /// go back, so a deleted version number is not handed out again). False when there was no such version.
    /// </summary>
    public static bool Remove(AssetContainerRecord container, string version)
    {
        if (container.Versions.RemoveAll(v => v.Version == version) == 0)
        {
            return false;
        }
        container.Properties["latestVersion"] = container.Versions.Count == 0 ? null : container.Versions[^1].Version;
        return true;
    }
}
