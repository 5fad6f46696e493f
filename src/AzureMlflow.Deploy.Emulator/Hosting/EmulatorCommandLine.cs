using System.Globalization;
using System.Security.Cryptography;

namespace AzureMlflow.Deploy.Emulator;

/// <summary>
/// The emulator as a program (the <c>azureml-emulator</c> dotnet tool): starts a workspace emulator from command-line
/// arguments and serves until cancelled, for trying the SDK by hand, from scripts, or from tests in another process.
/// </summary>
public static class EmulatorCommandLine
{
    /// <summary>The arguments <see cref="RunAsync"/> understands.</summary>
    public const string Usage =
        "azureml-emulator [--port N] [--provisioning-ms N] [--location X] [--subscription X] [--resource-group X] [--workspace X] " +
        "[--connection-file emulator.json] [--cert-out emulator.pem] [--python /usr/bin/python3] [--verbose]";

    /// <summary>What <c>--help</c> prints: the usage and what each option does.</summary>
    public const string Help =
        "A local Azure Machine Learning workspace on 127.0.0.1 (HTTPS, a certificate of its own) for AzureMlflow.Deploy and your tests.\n\n" +
        "Usage: " + Usage + "\n\n" +
        "Options:\n" +
        "  --port N                 the port to listen on (default: a free one)\n" +
        "  --provisioning-ms N      how long creates, updates and deletes stay in progress (default 300)\n" +
        "  --location X             the workspace's region (default eastus)\n" +
        "  --subscription X         the subscription id in resource ids\n" +
        "  --resource-group X       the resource group name (default emulator-rg)\n" +
        "  --workspace X            the workspace name (default emulator-ws)\n" +
        "  --connection-file F      write a workspace config.json plus the endpoint and the certificate to trust\n" +
        "  --cert-out F             write the certificate (PEM) to trust\n" +
        "  --python P               the Python that runs scikit-learn/XGBoost models and scoring scripts\n" +
        "  --verbose                ASP.NET Core's own logs on the console\n" +
        "  -h, --help               this text\n\n" +
        "Needs Node.js 18+ for Azurite (the blob storage); Python 3 only for models that are not ONNX and for scoring scripts.";

    /// <summary>Parses the arguments, starts the emulator, prints where it listens, and serves until <paramref name="stop"/> is cancelled.</summary>
    /// <param name="args">The command-line arguments (see <see cref="Usage"/>).</param>
    /// <param name="output">Where to print (standard output by default).</param>
    /// <param name="stop">Stops the emulator; the tool wires it to Ctrl+C.</param>
    /// <returns>0 after a clean stop or after printing the help, 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            await output.WriteLineAsync(Help).ConfigureAwait(false);
            return 0;
        }
        var options = new EmulatorOptions();
        string? certificateOut = null;
        string? connectionFile = null;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--provisioning-ms": options.ProvisioningDuration = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--location": options.Location = Next(); break;
                    case "--subscription": options.SubscriptionId = Next(); break;
                    case "--resource-group": options.ResourceGroup = Next(); break;
                    case "--workspace": options.WorkspaceName = Next(); break;
                    case "--cert-out": certificateOut = Next(); break;
                    case "--connection-file": connectionFile = Next(); break;
                    case "--python": options.PythonExecutable = Next(); break;
                    case "--verbose": options.EnableConsoleLogging = true; break;
                    default: throw new FormatException($"Unknown argument '{args[i]}'.");
                }
            }
        }
        catch (FormatException ex)
        {
            await output.WriteLineAsync($"{ex.Message} Usage: {Usage}").ConfigureAwait(false);
            return 2;
        }

        await using WorkspaceEmulator emulator = await WorkspaceEmulator.StartAsync(options, stop).ConfigureAwait(false);
        if (certificateOut is not null)
        {
            await File.WriteAllTextAsync(certificateOut, emulator.Certificate.ExportCertificatePem(), stop).ConfigureAwait(false);
        }
        if (connectionFile is not null)
        {
            await emulator.WriteConnectionFileAsync(connectionFile, stop).ConfigureAwait(false);
        }
        await output.WriteLineAsync($"Azure ML workspace emulator listening on {emulator.BaseUri}").ConfigureAwait(false);
        await output.WriteLineAsync($"Workspace: {emulator.WorkspaceResourceId}").ConfigureAwait(false);
        await output.WriteLineAsync($"Studio: {emulator.StudioUri}").ConfigureAwait(false);
        await output.WriteLineAsync($"Certificate SHA-256: {emulator.Certificate.GetCertHashString(HashAlgorithmName.SHA256)}").ConfigureAwait(false);
        await output.WriteLineAsync($"Connection string: {emulator.ConnectionString}").ConfigureAwait(false);
        if (connectionFile is not null)
        {
            await output.WriteLineAsync($"Connection file: {Path.GetFullPath(connectionFile)}").ConfigureAwait(false);
        }
        await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}
