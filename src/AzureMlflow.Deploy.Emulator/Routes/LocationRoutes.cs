using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// The subscription's per-region resources of the provider: <c>locations/{location}/vmSizes</c>, the VM sizes computes
/// and deployments can use there; <c>usages</c>, the vCPUs the workspace's compute clusters use against the
/// subscription's limits; and the workspace's own vCPU quotas per VM family (<c>quotas</c>, <c>updateQuotas</c>). A
/// region other than the workspace's has no sizes, usage or quotas in the emulator.
/// </summary>
internal static class LocationRoutes
{
    public const string Prefix = "/subscriptions/{sub}/providers/Microsoft.MachineLearningServices/locations/{location}";

    /// <summary>The subscription's vCPU limits the emulator reports, per region and per VM family (the service's defaults differ by offer).</summary>
    private const int RegionalQuota = 100;
    private const int FamilyQuota = 24;

    /// <summary>The VM families and the names their workspace quotas have.</summary>
    private static readonly Dictionary<string, string> QuotaNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["standardDSv2Family"] = "Standard_DSv2_Family_Cluster_Dedicated_vCPUs",
        ["standardDASv4Family"] = "Standard_DASv4_Family_Cluster_Dedicated_vCPUs",
        ["standardESv3Family"] = "Standard_ESv3_Family_Cluster_Dedicated_vCPUs",
        ["standardFSv2Family"] = "Standard_FSv2_Family_Cluster_Dedicated_vCPUs",
        ["standardNCSv3Family"] = "Standard_NCSv3_Family_Cluster_Dedicated_vCPUs",
    };

    /// <summary>Real Azure VM sizes with their published shapes: name, family, vCPUs, GPUs, memory (GB).</summary>
    private static readonly (string Name, string Family, int Cores, int Gpus, double MemoryGb)[] Sizes =
    [
        ("Standard_DS1_v2", "standardDSv2Family", 1, 0, 3.5),
        ("Standard_DS2_v2", "standardDSv2Family", 2, 0, 7),
        ("Standard_DS3_v2", "standardDSv2Family", 4, 0, 14),
        ("Standard_DS4_v2", "standardDSv2Family", 8, 0, 28),
        ("Standard_D2as_v4", "standardDASv4Family", 2, 0, 8),
        ("Standard_D4as_v4", "standardDASv4Family", 4, 0, 16),
        ("Standard_E4s_v3", "standardESv3Family", 4, 0, 32),
        ("Standard_F4s_v2", "standardFSv2Family", 4, 0, 8),
        ("Standard_NC6s_v3", "standardNCSv3Family", 6, 1, 112),
    ];

    public static void Map(IEndpointRouteBuilder app, WorkspaceState state)
    {
        app.MapGet(Prefix + "/vmSizes", (string sub, string location) => state.Run(() =>
            ArmResult.Ok(new JsonObject { ["value"] = new JsonArray([.. InRegion(state, sub, location) ? Sizes.Select(Describe) : []]) })));

        app.MapGet(Prefix + "/usages", (HttpRequest request, string sub, string location) => state.Run(() =>
            Paging.Page(request, InRegion(state, sub, location) ? Usages(state) : [], state.Options.PageSize)));

        app.MapGet(Prefix + "/quotas", (HttpRequest request, string sub, string location) => state.Run(() =>
            Paging.Page(request, InRegion(state, sub, location) ? [.. QuotaNames.Select(q => Quota(state, q.Key, q.Value))] : [], state.Options.PageSize)));

        app.MapPost(Prefix + "/updateQuotas", async (HttpRequest request, string sub, string location) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => ArmResult.Ok(new JsonObject
            {
                ["value"] = new JsonArray([.. (body["value"] as JsonArray ?? []).OfType<JsonObject>().Select(q => (JsonNode?)UpdateQuota(state, InRegion(state, sub, location), q))]),
            }));
        });
    }

    /// <summary>
    /// One quota of an <c>updateQuotas</c> request: the workspace's quota of a known VM family changes unless it is above
    /// the subscription's limit for the family or below what the workspace's clusters already use.
    /// </summary>
    private static JsonObject UpdateQuota(WorkspaceState state, bool inRegion, JsonObject requested)
    {
        string id = JsonBody.String(requested, "id") ?? string.Empty;
        long limit = requested["limit"]?.GetValue<long>() ?? -1;
        string prefix = $"{state.WorkspaceResourceId}/quotas/";
        string? family = id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? QuotaNames.FirstOrDefault(q => q.Value.Equals(id[prefix.Length..], StringComparison.OrdinalIgnoreCase)).Key
            : null;
        string status = !inRegion || family is null ? "InvalidVMFamilyName"
            : limit > FamilyQuota ? "InvalidQuotaExceedsSubscriptionLimit"
            : limit < Used(state)[family] ? "InvalidQuotaBelowClusterMinimum"
            : "Success";
        if (status == "Success")
        {
            state.Quotas[family!] = limit;
        }
        return new JsonObject { ["id"] = id, ["type"] = "Microsoft.MachineLearningServices/workspaces/quotas", ["limit"] = limit, ["unit"] = "Count", ["status"] = status };
    }

    private static JsonObject Quota(WorkspaceState state, string family, string name) => new()
    {
        ["id"] = $"{state.WorkspaceResourceId}/quotas/{name}",
        ["amlWorkspaceLocation"] = state.Options.Location,
        ["type"] = "Microsoft.MachineLearningServices/workspaces/quotas",
        ["name"] = new JsonObject { ["value"] = family, ["localizedValue"] = name.Replace('_', ' ') },
        ["limit"] = state.Quotas.GetValueOrDefault(family, FamilyQuota),
        ["unit"] = "Count",
    };

    private static bool InRegion(WorkspaceState state, string sub, string location) =>
        sub.Equals(state.Options.SubscriptionId, StringComparison.OrdinalIgnoreCase) && location.Equals(state.Options.Location, StringComparison.OrdinalIgnoreCase);

    private static JsonNode? Describe((string Name, string Family, int Cores, int Gpus, double MemoryGb) size) => new JsonObject
    {
        ["name"] = size.Name,
        ["family"] = size.Family,
        ["vCPUs"] = size.Cores,
        ["gpus"] = size.Gpus,
        ["osVhdSizeMB"] = 1047552,
        ["maxResourceVolumeMB"] = size.Cores * 7168,
        ["memoryGB"] = size.MemoryGb,
        ["lowPriorityCapable"] = true,
        ["premiumIO"] = true,
        ["supportedComputeTypes"] = new JsonArray("AmlCompute", "ComputeInstance"),
    };

    /// <summary>The regional total and each family's dedicated vCPUs: nodes the workspace's clusters hold times their size's vCPUs.</summary>
    private static List<JsonObject> Usages(WorkspaceState state)
    {
        Dictionary<string, long> byFamily = Used(state);
        string prefix = $"/subscriptions/{state.Options.SubscriptionId}/providers/Microsoft.MachineLearningServices/locations/{state.Options.Location}/usages";
        var usages = new List<JsonObject> { Usage(state, prefix, "totalCores", "Total Cluster Dedicated Regional vCPUs", byFamily.Values.Sum(), RegionalQuota) };
        usages.AddRange(byFamily.Select(f => Usage(state, prefix, $"{f.Key}DedicatedCores", $"Dedicated {f.Key} Cluster vCPUs", f.Value, FamilyQuota)));
        return usages;
    }

    /// <summary>The vCPUs the workspace's clusters hold per VM family: their current nodes times their size's vCPUs.</summary>
    private static Dictionary<string, long> Used(WorkspaceState state)
    {
        var byFamily = Sizes.Select(s => s.Family).Distinct().ToDictionary(f => f, _ => 0L, StringComparer.OrdinalIgnoreCase);
        foreach (ComputeRecord compute in state.Computes.Values.Where(c => c.ComputeType == "AmlCompute"))
        {
            JsonObject? cluster = compute.Properties["properties"] as JsonObject;
            string? vmSize = JsonBody.String(cluster, "vmSize");
            int nodes = cluster?["currentNodeCount"]?.GetValue<int>() ?? 0;
            if (Sizes.FirstOrDefault(s => s.Name.Equals(vmSize, StringComparison.OrdinalIgnoreCase)) is { Name: not null } size)
            {
                byFamily[size.Family] += (long)nodes * size.Cores;
            }
        }
        return byFamily;
    }

    private static JsonObject Usage(WorkspaceState state, string prefix, string name, string localized, long current, long limit) => new()
    {
        ["id"] = $"{prefix}/{name}",
        ["amlWorkspaceLocation"] = state.Options.Location,
        ["type"] = "Microsoft.MachineLearningServices/totalCores",
        ["unit"] = "Count",
        ["currentValue"] = current,
        ["limit"] = limit,
        ["name"] = new JsonObject { ["value"] = name, ["localizedValue"] = localized },
    };
}
