namespace AzureMlflow.Deploy.Tests.Fuzz;

/// <summary>
/// Runs a reader on each input on its own thread with a deadline, and fails on anything but the documented exceptions:
/// a NullReferenceException, IndexOutOfRangeException or other surprise, or a hang, names the input that caused it.
/// </summary>
internal static class FuzzRunner
{
    public static void Run(IEnumerable<string> inputs, Action<string> read, params Type[] documented)
    {
        int index = 0;
        foreach (string input in inputs)
        {
            Exception? thrown = null;
            // The default stack size, as users' threads have: a reader that recurses without a depth limit overflows here too.
            var thread = new Thread(() =>
            {
                try
                {
                    read(input);
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            });
            thread.Start();
            if (!thread.Join(TimeSpan.FromSeconds(10)))
            {
                Assert.Fail($"Input {index} did not finish within 10 s (a hang):\n---\n{Preview(input)}");
            }
            if (thrown is not null && !documented.Any(t => t.IsInstanceOfType(thrown)))
            {
                Assert.Fail($"Input {index} threw {thrown.GetType().Name}, which is not documented ({string.Join(", ", documented.Select(t => t.Name))}): {thrown}\n---\n{Preview(input)}");
            }
            index++;
        }
        Assert.That(index, Is.GreaterThan(0), "no inputs were run");
    }

    private static string Preview(string input) => input.Length <= 2000 ? input : input[..2000] + $"... ({input.Length} characters)";
}
