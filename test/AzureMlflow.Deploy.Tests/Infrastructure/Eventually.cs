namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>
/// Waits for a condition by polling it until a generous deadline, so a test waits exactly as long as a busy machine
/// needs and never asserts on how fast something happened.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(condition, () => what);

    /// <summary>As above, describing what was waited for (and what was seen) only when the wait gives up.</summary>
    public static async Task UntilAsync(Func<bool> condition, Func<string> what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            try
            {
                await Task.Delay(10, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Gave up after {Deadline.TotalSeconds:0} s waiting until {what()}.");
            }
        }
    }

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        T value = await read();
        while (!condition(value))
        {
            try
            {
                await Task.Delay(10, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Gave up after {Deadline.TotalSeconds:0} s waiting until {what}; last seen: {value}.");
            }
            value = await read();
        }
        return value;
    }
}
