using Azure.Core;
using AzureMlflow.Deploy.Payloads;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>
/// A payload as an Azure.Core request body (re-writable, so a retried attempt sends it again). A body of up to
/// <see cref="BufferLimit"/> bytes is written once into memory and sent with its <c>Content-Length</c>, as Python's
/// client sends its bodies: chunked requests are legal HTTP/1.1, but front ends and firewall rules differ on them and a
/// service cannot size a chunked body in advance; retries then resend the same bytes. A larger body is streamed
/// (chunked), so a large payload is not held twice in memory for the life of the request.
/// </summary>
internal sealed class PayloadRequestContent(ScoringPayload payload, PayloadFormat format) : RequestContent
{
    /// <summary>The largest body written into memory first; past it, streaming keeps memory bounded.</summary>
    public const long BufferLimit = 16 * 1024 * 1024;

    private BinaryData? _body;
    private bool _sized;

    public override void WriteTo(Stream stream, CancellationToken cancellationToken)
    {
        if (Buffered() is { } body)
        {
            stream.Write(body.ToMemory().Span);
            return;
        }
        payload.WriteTo(stream, format);
    }

    public override async Task WriteToAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (Buffered() is { } body)
        {
            await stream.WriteAsync(body.ToMemory(), cancellationToken).ConfigureAwait(false);
            return;
        }
        await payload.WriteToAsync(stream, format, cancellationToken).ConfigureAwait(false);
    }

    public override bool TryComputeLength(out long length)
    {
        length = Buffered()?.ToMemory().Length ?? 0;
        return _body is not null;
    }

    public override void Dispose()
    {
    }

    /// <summary>The body in memory, written on first use, or null when the payload is too large to buffer.</summary>
    private BinaryData? Buffered()
    {
        if (!_sized)
        {
            _body = payload.EstimatedBodyLength <= BufferLimit ? payload.ToBinaryData(format) : null;
            _sized = true;
        }
        return _body;
    }
}
