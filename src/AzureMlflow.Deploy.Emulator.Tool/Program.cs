using System.Runtime.InteropServices;
using AzureMlflow.Deploy.Emulator;

// The `azureml-emulator` dotnet tool: a local Azure ML workspace until Ctrl+C or SIGTERM. `azureml-emulator --help` (or
// `dotnet run --project src/AzureMlflow.Deploy.Emulator.Tool -- --help`) prints EmulatorCommandLine.Help.
// SIGTERM (what CI runners, containers and IDEs send), SIGINT and SIGQUIT are taken over, not left to the runtime's
// default, which ends the process before the emulator is disposed: the emulator stops its Azurite and Python children
// and removes its temp folders, then the process exits 0.
// Not disposed: ProcessExit still cancels it after RunAsync has returned (a disposed source would throw then).
var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
return await EmulatorCommandLine.RunAsync(args, Console.Out, stop.Token);
