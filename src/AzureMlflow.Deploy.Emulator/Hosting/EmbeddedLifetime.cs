using Microsoft.Extensions.Hosting;

namespace AzureMlflow.Deploy.Emulator.Hosting;

/// <summary>
/// The emulator lives inside someone else's process (a test run, an app, the azureml-emulator tool), so it must not
/// take over the process's signals as ASP.NET Core's console lifetime does: with it, SIGTERM stopped only the web
/// server and kept the process alive (the tool then never exited on <c>kill</c>). The owner of the process decides.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
