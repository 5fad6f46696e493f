namespace AzureMlflow.Deploy.Mapping;

/// <summary>The service's spelling of the public enums, both ways. Reading is case-insensitive and accepts the CLI YAML spellings.</summary>
internal static class WireNames
{
    public static string ToWire(EndpointAuthMode mode) => mode switch
    {
        EndpointAuthMode.Key => "Key",
        EndpointAuthMode.AmlToken => "AMLToken",
        EndpointAuthMode.AadToken => "AADToken",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static EndpointAuthMode ParseAuthMode(string? value) => Normalize(value) switch
    {
        "key" => EndpointAuthMode.Key,
        "amltoken" => EndpointAuthMode.AmlToken,
        "aadtoken" => EndpointAuthMode.AadToken,
        _ => throw new FormatException($"Unknown endpoint auth mode '{value}'."),
    };

    public static string ToWire(ManagedIdentityType type) => type switch
    {
        ManagedIdentityType.SystemAssigned => "SystemAssigned",
        ManagedIdentityType.UserAssigned => "UserAssigned",
        ManagedIdentityType.SystemAssignedUserAssigned => "SystemAssigned,UserAssigned",
        ManagedIdentityType.None => "None",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ManagedIdentityType ParseIdentityType(string? value) => Normalize(value) switch
    {
        "systemassigned" => ManagedIdentityType.SystemAssigned,
        "userassigned" => ManagedIdentityType.UserAssigned,
        "systemassigned,userassigned" => ManagedIdentityType.SystemAssignedUserAssigned,
        "none" or "" => ManagedIdentityType.None,
        _ => throw new FormatException($"Unknown managed identity type '{value}'."),
    };

    public static string ToWire(ContainerType type) => type switch
    {
        ContainerType.InferenceServer => "InferenceServer",
        ContainerType.StorageInitializer => "StorageInitializer",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string ToWire(NetworkAccess access) => access == NetworkAccess.Enabled ? "Enabled" : "Disabled";

    public static NetworkAccess? ParseNetworkAccess(string? value) => Normalize(value) switch
    {
        "enabled" => NetworkAccess.Enabled,
        "disabled" => NetworkAccess.Disabled,
        _ => null,
    };

    /// <summary>Lower-case without the separators the CLI YAML (<c>aml_token</c>, <c>system_assigned</c>) and the service (<c>AMLToken</c>) differ by.</summary>
    private static string Normalize(string? value) =>
        (value ?? string.Empty).Replace("_", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
