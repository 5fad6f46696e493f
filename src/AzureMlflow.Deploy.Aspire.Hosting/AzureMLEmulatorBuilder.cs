using AzureMlflow.Deploy.Emulator;

namespace Aspire.Hosting;

/// <summary>How <see cref="AzureMLWorkspaceExtensions.RunAsEmulator"/> runs the workspace emulator: its settings and what it holds when services start.</summary>
public sealed class AzureMLEmulatorBuilder
{
    private readonly EmulatedWorkspace _emulator;
    private readonly string _appHostDirectory;

    internal AzureMLEmulatorBuilder(EmulatedWorkspace emulator, string appHostDirectory)
    {
        _emulator = emulator;
        _appHostDirectory = appHostDirectory;
    }

    /// <summary>The emulator's settings (workspace names, port, provisioning time, the Python for scikit-learn models...).</summary>
    public EmulatorOptions Options => _emulator.Options;

    /// <summary>
    /// Deploys a local MLflow model folder to an online endpoint once the emulator runs, before the workspace reports
    /// healthy: the model is registered under the endpoint's name, the endpoint and the deployment created, and all the
    /// endpoint's traffic sent to it. A service that waits for the workspace finds the endpoint ready to score.
    /// </summary>
    /// <param name="endpoint">The online endpoint to create.</param>
    /// <param name="modelFolder">The MLflow model folder (relative to the app host's directory, or absolute).</param>
    /// <param name="deployment">The deployment's name.</param>
    public AzureMLEmulatorBuilder WithMlflowDeployment(string endpoint, string modelFolder, string deployment = "default")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(deployment);
        // Resolved now, against the app host's folder rather than whatever the current directory is when the app starts.
        string folder = Path.GetFullPath(modelFolder, _appHostDirectory);
        if (!File.Exists(Path.Combine(folder, "MLmodel")))
        {
            throw new ArgumentException($"'{folder}' is not an MLflow model folder: it has no MLmodel file.", nameof(modelFolder));
        }
        _emulator.Deployments.Add(new SeededDeployment(endpoint, folder, deployment));
        return this;
    }
}
