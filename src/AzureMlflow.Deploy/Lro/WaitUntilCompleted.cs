using Azure;

namespace AzureMlflow.Deploy.Lro;

/// <summary>What every <c>Begin*</c> method does with its <see cref="WaitUntil"/> argument.</summary>
internal static class WaitUntilCompleted
{
    /// <summary>Waits for the operation when the caller asked for <see cref="WaitUntil.Completed"/>; returns it either way.</summary>
    public static async ValueTask<TOperation> IfAskedAsync<TOperation>(TOperation operation, WaitUntil waitUntil, bool async, CancellationToken cancellationToken)
        where TOperation : Operation
    {
        if (waitUntil == WaitUntil.Completed)
        {
            if (async)
            {
                await operation.WaitForCompletionResponseAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                operation.WaitForCompletionResponse(cancellationToken);
            }
        }
        return operation;
    }
}
