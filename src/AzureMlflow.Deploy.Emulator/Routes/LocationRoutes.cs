using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// The subscription's per-region resources of the provider: <c>locations/{location}/vmSizes</c>, the VM sizes computes
/// and deployments can use there, and <c>locations/{location}/usages</c>, the vCPUs the workspace's compute clusters use
/// against their quota. A region other than the workspace's has no sizes and no usage in the emulator.
/// </summary>
internal static class LocationRoutes
{
    public const string Prefix = "/subscriptions/{sub}/providers/Microsoft.MachineLearningServices/locations/{location}";

    /// <summary>The vCPU quota the emulator reports per region and per VM family (the service's defaults for a new subscription differ by offer).</summary>
    private const int RegionalQuota = 100;
    private const int FamilyQuota = 24;

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
    }

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
        var byFamily = Sizes.Select(s => s.Family).Distinct().ToDictionary(f => f, _ => 0L);
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
        string prefix = $"/subscriptions/{state.Options.SubscriptionId}/providers/Microsoft.MachineLearningServices/locations/{state.Options.Location}/usages";
        var usages = new List<JsonObject> { Usage(state, prefix, "totalCores", "Total Cluster Dedicated Regional vCPUs", byFamily.Values.Sum(), RegionalQuota) };
        usages.AddRange(byFamily.Select(f => Usage(state, prefix, $"{f.Key}DedicatedCores", $"Dedicated {f.Key} Cluster vCPUs", f.Value, FamilyQuota)));
        return usages;
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
