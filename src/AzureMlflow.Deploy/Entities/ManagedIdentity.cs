namespace AzureMlflow.Deploy;

/// <summary>The managed identity an endpoint uses to reach storage, registries and other resources.</summary>
public class ManagedIdentity
{
    /// <summary>Creates a system-assigned identity.</summary>
    public ManagedIdentity() : this(ManagedIdentityType.SystemAssigned)
    {
    }

    /// <summary>Creates an identity of the given type.</summary>
    /// <param name="type">The identity type.</param>
    public ManagedIdentity(ManagedIdentityType type) => Type = type;

    /// <summary>The identity type.</summary>
    public ManagedIdentityType Type { get; set; }

    /// <summary>ARM resource ids of the user-assigned identities, when <see cref="Type"/> includes them.</summary>
    public IList<string> UserAssignedIdentities { get; } = new List<string>();

    /// <summary>The principal id of the system-assigned identity (set by the service).</summary>
    public string? PrincipalId { get; internal set; }

    /// <summary>The tenant of the system-assigned identity (set by the service).</summary>
    public string? TenantId { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => PrincipalId is null ? Type.ToString() : $"{Type} ({PrincipalId})";
}
