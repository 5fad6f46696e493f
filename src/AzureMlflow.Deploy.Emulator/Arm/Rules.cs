using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Arm;

/// <summary>Checks the real service makes on names and traffic, answered as it answers them.</summary>
internal static partial class Rules
{
    [GeneratedRegex("^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$")]
    private static partial Regex EndpointNamePattern();

    public static void EndpointOrDeploymentName(string kind, string name)
    {
        if (name.Length is < 3 or > 32 || !EndpointNamePattern().IsMatch(name))
        {
            throw ServiceException.BadRequest(
                $"The {kind} name '{name}' is invalid. It must be 3 to 32 characters long, start with a letter, end with a letter or digit, and contain only letters, digits and '-'.",
                "name");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9\\-_.]{0,254}$")]
    private static partial Regex AssetNamePattern();

    /// <summary>A model or code asset name: up to 255 letters, digits, '-', '_' and '.', starting with a letter or digit.</summary>
    public static void AssetName(string kind, string name)
    {
        if (!AssetNamePattern().IsMatch(name))
        {
            throw ServiceException.BadRequest($"The {kind} name '{name}' is invalid: use up to 255 letters, digits, '-', '_' and '.', starting with a letter or digit.", "name");
        }
    }

    public static void Traffic(Dictionary<string, int> traffic, Dictionary<string, int> mirror, IReadOnlyCollection<string> deployments)
    {
        foreach ((string name, int percent) in traffic.Concat(mirror))
        {
            if (percent is < 0 or > 100)
            {
                throw ServiceException.BadRequest($"Traffic for deployment '{name}' must be between 0 and 100, but was {percent}.", "traffic");
            }
        }
        int sum = traffic.Values.Sum();
        if (sum != 0 && sum != 100)
        {
            throw ServiceException.BadRequest($"The traffic values must sum to 100 (or all be 0), but they sum to {sum}.", "traffic");
        }
        int mirrored = mirror.Values.Sum();
        if (mirrored > 50)
        {
            throw ServiceException.BadRequest($"Mirror traffic cannot exceed 50 percent in total, but is {mirrored}.", "mirrorTraffic");
        }
        foreach ((string name, int percent) in mirror)
        {
            if (percent > 0 && traffic.TryGetValue(name, out int live) && live == 100)
            {
                throw ServiceException.BadRequest($"Deployment '{name}' receives 100 percent of the live traffic and cannot also receive mirror traffic.", "mirrorTraffic");
            }
        }
        string? unknown = traffic.Keys.Concat(mirror.Keys).FirstOrDefault(n => !deployments.Contains(n, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw ServiceException.BadRequest($"Traffic is set for deployment '{unknown}', which does not exist on this endpoint.", "traffic");
        }
    }

    /// <summary>
    /// Endpoint names are unique within the Azure region, across workspaces and subscriptions and across online and
    /// batch endpoints: a new endpoint cannot take a name in use elsewhere (<see cref="EmulatorOptions.EndpointNamesTakenInRegion"/>)
    /// or by the workspace's endpoints of the other kind.
    /// </summary>
    public static void AvailableEndpointName(WorkspaceState state, string name, bool online)
    {
        bool taken = state.Options.EndpointNamesTakenInRegion.Contains(name, StringComparer.OrdinalIgnoreCase)
            || (online ? state.BatchEndpoints.ContainsKey(name) : state.Endpoints.ContainsKey(name));
        if (taken)
        {
            throw ServiceException.BadRequest(
                $"The specified endpoint name '{name}' is not available. Endpoint names must be unique within the region. Please choose a different name and try again.", "name");
        }
    }
}
