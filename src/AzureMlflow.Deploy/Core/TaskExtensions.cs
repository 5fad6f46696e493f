namespace AzureMlflow.Deploy.Core;

/// <summary>Bridges the single async implementation of each method to its sync twin.</summary>
internal static class TaskExtensions
{
    /// <summary>Returns the result of a task that ran with <c>async: false</c> and therefore completed synchronously.</summary>
    public static T EnsureCompleted<T>(this ValueTask<T> task) =>
        task.IsCompleted ? task.Result : task.AsTask().GetAwaiter().GetResult();

    /// <summary>Waits for a task that ran with <c>async: false</c>.</summary>
    public static void EnsureCompleted(this ValueTask task)
    {
        if (task.IsCompleted) { task.GetAwaiter().GetResult(); return; }
        task.AsTask().GetAwaiter().GetResult();
    }
}
