namespace AzureMlflow.Deploy.Validation;

/// <summary>The service's traffic rules, checked before a PUT so that a bad split fails fast with a precise message.</summary>
internal static class TrafficRules
{
    public const int MaxMirrorTotal = 50;

    /// <param name="traffic">Live traffic per deployment.</param>
    /// <param name="mirror">Mirror traffic per deployment.</param>
    /// <param name="endpointName">For messages.</param>
    /// <param name="existingDeployments">The endpoint's deployments, when known; every non-zero entry must name one.</param>
    public static void Validate(IDictionary<string, int> traffic, IDictionary<string, int> mirror, string endpointName, ICollection<string>? existingDeployments)
    {
        foreach (KeyValuePair<string, int> pair in traffic.Concat(mirror))
        {
            if (pair.Value is < 0 or > 100)
            {
                throw new ArgumentException($"Traffic for deployment '{pair.Key}' on endpoint '{endpointName}' is {pair.Value}; each value must be between 0 and 100.", nameof(traffic));
            }
        }
        int total = traffic.Values.Sum();
        if (total != 0 && total != 100)
        {
            throw new ArgumentException(
                $"Traffic on endpoint '{endpointName}' sums to {total} ({Describe(traffic)}); it must sum to 100, or be 0 for every deployment.", nameof(traffic));
        }
        int mirrorTotal = mirror.Values.Sum();
        if (mirrorTotal > MaxMirrorTotal)
        {
            throw new ArgumentException(
                $"Mirror traffic on endpoint '{endpointName}' sums to {mirrorTotal} ({Describe(mirror)}); it may be at most {MaxMirrorTotal}.", nameof(mirror));
        }
        foreach (KeyValuePair<string, int> pair in mirror.Where(p => p.Value > 0))
        {
            if (traffic.TryGetValue(pair.Key, out int live) && live == 100)
            {
                throw new ArgumentException(
                    $"Deployment '{pair.Key}' on endpoint '{endpointName}' receives 100% of live traffic and cannot also receive mirror traffic.", nameof(mirror));
            }
        }
        if (existingDeployments is not null)
        {
            var known = new HashSet<string>(existingDeployments, StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, int> pair in traffic.Concat(mirror).Where(p => p.Value > 0))
            {
                if (!known.Contains(pair.Key))
                {
                    string names = known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal));
                    throw new ArgumentException(
                        $"Traffic names deployment '{pair.Key}', which does not exist on endpoint '{endpointName}' (deployments: {names}).", nameof(traffic));
                }
            }
        }
    }

    private static string Describe(IDictionary<string, int> traffic) =>
        string.Join(", ", traffic.Select(p => $"{p.Key}={p.Value}"));
}
