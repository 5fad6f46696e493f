namespace AzureMlflow.Deploy.Emulator;

/// <summary>
/// Where the emulated workspace keeps its blobs. With <see cref="Auto"/> and <see cref="Azurite"/>, the emulators of a
/// process share one Azurite, each workspace in containers of its own: the first emulator starts it, and it stops 30
/// seconds after the last one is disposed (or when the process exits), so a test run that starts an emulator per
/// fixture starts Azurite once.
/// </summary>
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
