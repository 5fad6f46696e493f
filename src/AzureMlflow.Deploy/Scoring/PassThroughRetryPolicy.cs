using Azure.Core;
using Azure.Core.Pipeline;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>
/// Fills Azure.Core's retry slot on the scoring pipeline: Polly retries scoring calls (<see cref="ScoringResilience"/>),
/// so this slot only forwards. Unlike Azure.Core's retry policy with no retries it adds no async frame, which a
/// scoring call would otherwise pay for in allocations.
/// </summary>
internal sealed class PassThroughRetryPolicy : HttpPipelinePolicy
{
    public static PassThroughRetryPolicy Instance { get; } = new();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNextAsync(message, pipeline);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);
}
