using System.Diagnostics;

namespace AzureMlflow.Deploy.Diagnostics;

/// <summary>
/// One span per public operation, named like Azure SDK spans (<c>{OperationGroup}.{Method}</c>, source
/// <c>Azure.MachineLearning.Deploy</c>, <c>az.namespace</c> = <c>Microsoft.MachineLearningServices</c>), around the HTTP
/// spans Azure.Core already emits. Failures mark the span as an error with the exception type; no message text (which
/// could hold user data) is recorded.
/// </summary>
internal static class MlTracing
{
    public const string SourceName = "Azure.MachineLearning.Deploy";

    private static readonly ActivitySource Source = new(SourceName, typeof(MlTracing).Assembly.GetName().Version?.ToString());

    public static async ValueTask<T> TraceAsync<T>(string name, Func<ValueTask<T>> body)
    {
        using Activity? activity = Start(name);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(activity, ex);
            throw;
        }
    }

    /// <summary>Starts the span of an operation (null when nobody listens).</summary>
    public static Activity? Start(string name)
    {
        Activity? activity = Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag("az.namespace", "Microsoft.MachineLearningServices");
        return activity;
    }

    /// <summary>Marks the span as failed with the exception's type.</summary>
    public static void Fail(Activity? activity, Exception ex)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag("error.type", ex.GetType().FullName);
    }
}
