using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Scoring;

namespace AzureMlflow.Deploy.Tests.Payloads;

/// <summary>How a scoring body is framed: with its length up to the buffering limit, streamed (chunked) past it.</summary>
public sealed class RequestFramingTests
{
    [Test]
    public void ABodyWithinTheLimitHasItsLengthAndIsResentByteForByte()
    {
        DataFramePayload payload = ScoringPayload.FromColumns(PayloadColumn.Create("x", new[] { 1.5, 2.25, -3.0 }));
        using var content = new PayloadRequestContent(payload, PayloadFormat.AzureML);

        Assert.That(content.TryComputeLength(out long length), Is.True);
        byte[] first = Written(content);
        byte[] retried = Written(content);

        Assert.That(first, Has.Length.EqualTo(length));
        Assert.That(retried, Is.EqualTo(first), "a retried attempt sends the same bytes");
        Assert.That(System.Text.Encoding.UTF8.GetString(first), Is.EqualTo(payload.ToJson()));
    }

    [Test]
    public void ABodyPastTheLimitIsStreamedWithoutALength()
    {
        var values = new double[3_000_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i * 0.123456789;
        }
        TensorPayload payload = ScoringPayload.FromTensor<double>(values, values.Length);
        Assume.That(payload.EstimatedBodyLength, Is.GreaterThan(PayloadRequestContent.BufferLimit), "the payload is past the limit");
        using var content = new PayloadRequestContent(payload, PayloadFormat.AzureML);

        Assert.That(content.TryComputeLength(out _), Is.False, "no length: the transport sends it chunked");
        Assert.That(Written(content), Is.EqualTo(payload.ToBinaryData().ToArray()), "the streamed body is the same JSON");
    }

    private static byte[] Written(PayloadRequestContent content)
    {
        using var stream = new MemoryStream();
        content.WriteTo(stream, CancellationToken.None);
        return stream.ToArray();
    }
}
