namespace AzureMlflow.Deploy;

/// <summary>How callers authenticate to an online endpoint's scoring URI.</summary>
public enum EndpointAuthMode
{
    /// <summary>Static keys (<c>key</c>), read with <see cref="OnlineEndpointOperations.GetKeys"/>.</summary>
    Key,
    /// <summary>Short-lived Azure ML tokens (<c>aml_token</c>) issued by the endpoint.</summary>
    AmlToken,
    /// <summary>Microsoft Entra ID tokens (<c>aad_token</c>) for the Azure ML audience.</summary>
    AadToken,
}

/// <summary>Whether a network path is open.</summary>
public enum NetworkAccess
{
    /// <summary>Access is allowed.</summary>
    Enabled,
    /// <summary>Access is blocked.</summary>
    Disabled,
}

/// <summary>Which managed identity a resource uses.</summary>
public enum ManagedIdentityType
{
    /// <summary>An identity created and managed with the resource.</summary>
    SystemAssigned,
    /// <summary>One or more identities the user created.</summary>
    UserAssigned,
    /// <summary>Both a system-assigned identity and user-assigned identities.</summary>
    SystemAssignedUserAssigned,
    /// <summary>No identity.</summary>
    None,
}

/// <summary>Which endpoint key <see cref="OnlineEndpointOperations.BeginRegenerateKeys"/> replaces.</summary>
public enum KeyType
{
    /// <summary>The primary key.</summary>
    Primary,
    /// <summary>The secondary key.</summary>
    Secondary,
}

/// <summary>The container of a deployment whose logs <see cref="OnlineDeploymentOperations.GetLogs"/> reads.</summary>
public enum ContainerType
{
    /// <summary>The inference server that loads the model and answers scoring requests (the default).</summary>
    InferenceServer,
    /// <summary>The init container that downloads the model before the server starts.</summary>
    StorageInitializer,
}

/// <summary>Which model versions or containers a list returns.</summary>
public enum ListViewType
{
    /// <summary>Only assets that are not archived (the default).</summary>
    ActiveOnly,
    /// <summary>Only archived assets.</summary>
    ArchivedOnly,
    /// <summary>All assets.</summary>
    All,
}
