namespace AzureMlflow.Deploy.Wire;

/// <summary>Reads the service's spelling of the values whose spelling has varied between api-versions.</summary>
internal static class WireNames
{
    /// <summary>Older api-versions write the combined identity type with a space (<c>SystemAssigned, UserAssigned</c>).</summary>
    public static ManagedIdentityType ParseIdentityType(string? value) => value switch
    {
        null or "" => ManagedIdentityType.None,
        _ when value.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("SystemAssigned,UserAssigned", StringComparison.OrdinalIgnoreCase)
            => ManagedIdentityType.SystemAssignedUserAssigned,
        _ => new ManagedIdentityType(value),
    };
}
