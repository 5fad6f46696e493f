using AzureMlflow.Deploy.Emulator;

// The `azureml-emulator` dotnet tool: a local Azure ML workspace until Ctrl+C. `azureml-emulator --help` (or
// `dotnet run --project src/AzureMlflow.Deploy.Emulator.Tool -- --help`) prints EmulatorCommandLine.Help.
// Not disposed: ProcessExit still cancels it after RunAsync has returned (a disposed source would throw then).
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
return await EmulatorCommandLine.RunAsync(args, Console.Out, stop.Token);
