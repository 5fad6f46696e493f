using System.Net;
using System.Net.Http.Headers;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>Streams a payload to the connection as it is written; nothing is materialized.</summary>
internal sealed class PayloadHttpContent : HttpContent
{
    private readonly ScoringPayload _payload;
    private readonly PayloadFormat _format;

    public PayloadHttpContent(ScoringPayload payload, PayloadFormat format)
    {
        _payload = payload;
        _format = format;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        _payload.WriteToAsync(stream, _format, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _payload.WriteToAsync(stream, _format, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _payload.WriteTo(stream, _format);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
