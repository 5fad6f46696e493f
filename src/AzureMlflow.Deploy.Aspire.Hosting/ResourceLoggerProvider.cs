using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>
/// Sends the emulator's logs (its requests and ASP.NET Core's own) to the resource's log, which the dashboard shows. The
/// category leads each line, as a console logger prints it.
/// </summary>
internal sealed class ResourceLoggerProvider(ILogger resourceLog) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Category(resourceLog, categoryName);

    public void Dispose()
    {
    }

    private sealed class Category(ILogger log, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // The emulator is chatty below Information (routing, connection events); the dashboard keeps what a user reads.
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && log.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Log(logLevel, eventId, exception, "{Category}: {Message}", name, formatter(state, exception));
            }
        }
    }
}
