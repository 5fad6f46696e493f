using System.Diagnostics;

namespace AzureMlflow.Deploy.Diagnostics;

/// <summary>
/// One span per public operation, named as Azure SDK spans are (<c>{Type}.{Method}</c>, such as
/// <c>OnlineEndpointOperations.BeginCreateOrUpdate</c>; <c>az.namespace</c> = <c>Microsoft.MachineLearningServices</c>),
/// around the HTTP spans Azure.Core already emits, from an ActivitySource named for this package (<c>AzureMlflow.Deploy</c>;
/// the <c>Azure.</c> prefix belongs to Microsoft's own libraries). Off when the client's
/// <c>Diagnostics.IsDistributedTracingEnabled</c> is false. Failures mark the span as an error with the exception type;
/// no message text (which could hold user data) is recorded.
/// </summary>
internal static class MlTracing
{
    public const string SourceName = "AzureMlflow.Deploy";

    private static readonly ActivitySource Source = new(SourceName, typeof(MlTracing).Assembly.GetName().Version?.ToString());

    public static async ValueTask<T> TraceAsync<T>(bool enabled, string name, Func<ValueTask<T>> body)
    {
        using Activity? activity = Start(enabled, name);
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

    /// <summary>Starts the span of an operation (null when tracing is off or nobody listens).</summary>
    public static Activity? Start(bool enabled, string name)
    {
        Activity? activity = enabled ? Source.StartActivity(name, ActivityKind.Internal) : null;
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
