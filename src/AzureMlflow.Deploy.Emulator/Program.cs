using System.Globalization;
using AzureMlflow.Deploy.Emulator;

// `dotnet run --project src/AzureMlflow.Deploy.Emulator -- [--port N] [--provisioning-ms N] [--location X] [--cert-out file.pem]`
// runs the emulator until Ctrl+C, for trying the SDK (or the Azure CLI's REST calls) by hand.
var options = new EmulatorOptions { Port = 0 };
string? certificateOut = null;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--provisioning-ms": options.ProvisioningDuration = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--location": options.Location = Next(); break;
        case "--subscription": options.SubscriptionId = Next(); break;
        case "--resource-group": options.ResourceGroup = Next(); break;
        case "--workspace": options.WorkspaceName = Next(); break;
        case "--cert-out": certificateOut = Next(); break;
        case "--verbose": options.EnableConsoleLogging = true; break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Arguments: --port, --provisioning-ms, --location, --subscription, --resource-group, --workspace, --cert-out, --verbose.");
            return 2;
    }
}

await using WorkspaceEmulator emulator = await WorkspaceEmulator.StartAsync(options);
if (certificateOut is not null)
{
    await File.WriteAllTextAsync(certificateOut, emulator.Certificate.ExportCertificatePem());
}
Console.WriteLine($"Azure ML workspace emulator listening on {emulator.BaseUri}");
Console.WriteLine($"Workspace: {emulator.WorkspaceResourceId}");
Console.WriteLine($"Certificate SHA-256: {emulator.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}");
Console.WriteLine("Press Ctrl+C to stop.");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
return 0;
