using AzureMlflow.Deploy.Emulator;

// The `azureml-emulator` dotnet tool: a local Azure ML workspace until Ctrl+C. `dotnet run --project
// src/AzureMlflow.Deploy.Emulator.Tool -- --help`-style arguments are described by EmulatorCommandLine.Usage.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
return await EmulatorCommandLine.RunAsync(args, Console.Out, stop.Token);
