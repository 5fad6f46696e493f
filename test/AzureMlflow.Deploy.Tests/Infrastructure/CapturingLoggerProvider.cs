using Microsoft.Extensions.Logging;

namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>An <see cref="ILoggerProvider"/> that keeps every formatted message, for asserting what reaches an app's logs.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _messages = [];

    public string Text
    {
        get
        {
            lock (_messages)
            {
                return string.Join(Environment.NewLine, _messages);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._messages)
            {
                owner._messages.Add($"{category} {logLevel}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
