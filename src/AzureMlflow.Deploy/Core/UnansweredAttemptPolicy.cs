using Azure.Core;
using Azure.Core.Pipeline;

namespace AzureMlflow.Deploy.Core;

/// <summary>
/// Marks a request when one of its attempts got no answer (a dropped connection, a per-try timeout): the service may
/// have acted on it anyway. Starting a long-running operation uses the mark to tell "my unanswered attempt already
/// started this" from "someone else's operation is in progress" when the retry is refused with 409 Conflict.
/// </summary>
internal sealed class UnansweredAttemptPolicy : HttpPipelinePolicy
{
    private const string Key = "AzureMlflow.Deploy.UnansweredAttempt";

    public static bool HadUnansweredAttempt(HttpMessage message) => message.TryGetProperty(Key, out object? value) && value is true;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception) when (!message.CancellationToken.IsCancellationRequested)
        {
            message.SetProperty(Key, true);
            throw;
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception) when (!message.CancellationToken.IsCancellationRequested)
        {
            message.SetProperty(Key, true);
            throw;
        }
    }
}
