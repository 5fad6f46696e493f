using System.Buffers;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// The buffer behind <see cref="ScoringPayload.ToBinaryData"/>: one array sized from the payload's own estimate of its
/// JSON length, so a materialized body costs about its own size in allocations (an <see cref="ArrayBufferWriter{T}"/>
/// doubling from 4 KiB allocates two to four times the body on the way). If the estimate falls short it grows by half.
/// </summary>
internal sealed class PayloadBufferWriter : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _written;

    public PayloadBufferWriter(long expectedBytes)
    {
        _buffer = GC.AllocateUninitializedArray<byte>((int)Math.Clamp(expectedBytes, 256, Array.MaxLength));
    }

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }
        long size = Math.Max(_written + (long)sizeHint, _buffer.Length + (_buffer.Length / 2L));
        if (_written + (long)sizeHint > Array.MaxLength)
        {
            throw new OutOfMemoryException($"The payload is larger than {Array.MaxLength} bytes, the most one array holds; stream it with WriteToAsync or ToHttpContent instead.");
        }
        byte[] larger = GC.AllocateUninitializedArray<byte>((int)Math.Min(size, Array.MaxLength));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        _buffer = larger;
    }
}
