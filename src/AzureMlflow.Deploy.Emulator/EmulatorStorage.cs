namespace AzureMlflow.Deploy.Emulator;

/// <summary>Where the emulated workspace keeps its blobs.</summary>
public enum EmulatorStorage
{
    /// <summary>Start Azurite if it is installed; otherwise run without storage.</summary>
    Auto,

    /// <summary>Start Azurite, and fail to start if it cannot be found.</summary>
    Azurite,

    /// <summary>Use an Azurite blob service that is already running at <see cref="EmulatorOptions.ExternalBlobEndpoint"/>.</summary>
    External,

    /// <summary>No blob storage: datastore calls answer 503.</summary>
    None,
}
