using Azure.Core;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>Streams a payload into an Azure.Core request (re-writable, so a retried attempt sends it again).</summary>
internal sealed class PayloadRequestContent(ScoringPayload payload, PayloadFormat format) : RequestContent
{
    public override void WriteTo(Stream stream, CancellationToken cancellationToken) => payload.WriteTo(stream, format);

    public override Task WriteToAsync(Stream stream, CancellationToken cancellationToken) => payload.WriteToAsync(stream, format, cancellationToken);

    public override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    public override void Dispose()
    {
    }
}
