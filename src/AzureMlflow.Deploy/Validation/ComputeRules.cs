namespace AzureMlflow.Deploy.Validation;

/// <summary>What a compute cluster must satisfy before it is sent: the service's scale-settings constraints.</summary>
internal static class ComputeRules
{
    public static void Validate(AmlCompute compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        ValidateName(compute.Name, nameof(compute));
        string who = $"Compute '{compute.Name}'";
        if (compute.MaxInstances < 1)
        {
            throw new ArgumentException($"{who} has MaxInstances {compute.MaxInstances}; a cluster needs at least 1 node to scale to.", nameof(compute));
        }
        if (compute.MinInstances < 0 || compute.MinInstances > compute.MaxInstances)
        {
            throw new ArgumentException($"{who} has MinInstances {compute.MinInstances}; it must be between 0 and MaxInstances ({compute.MaxInstances}).", nameof(compute));
        }
        if (compute.IdleTimeBeforeScaleDown is { } idle && idle < TimeSpan.Zero)
        {
            throw new ArgumentException($"{who} has IdleTimeBeforeScaleDown {idle}; it must not be negative.", nameof(compute));
        }
    }

    /// <summary>A compute name becomes a path segment; the service checks the rest of its rules.</summary>
    public static void ValidateName(string? name, string paramName)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A compute name must not be empty.", paramName);
        }
        if (name.AsSpan().IndexOfAny("/\\?#%") >= 0)
        {
            throw new ArgumentException($"The compute name '{name}' contains a character that cannot appear in a resource name.", paramName);
        }
    }
}
