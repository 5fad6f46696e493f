using System.Buffers;
using System.Text.Json;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// Comma-separated JSON values (rows of a DataFrame, sub-lists of a tensor, numbers of an index) formatted straight into
/// a pooled buffer and handed to the <see cref="Utf8JsonWriter"/> as one raw value per batch. The writer still owns the
/// document's structure (the enclosing list, separators between batches, flushing), but no longer pays its per-value
/// bookkeeping, which costs as much as formatting the numbers themselves.
/// </summary>
internal sealed class RawBatch : IDisposable
{
    /// <summary>The batch size: large enough that the per-batch cost disappears, small enough to stay in cache.</summary>
    public const int DefaultBytes = 16 * 1024;

    private byte[] _buffer;
    private int _length;

    public RawBatch(int minimumBytes = DefaultBytes)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(DefaultBytes, minimumBytes));
    }

    public bool IsEmpty => _length == 0;

    public int Length => _length;

    /// <summary>The free space, starting with the separator when the batch already holds a value (so callers append as is).</summary>
    public Span<byte> Free => _buffer.AsSpan(_length);

    /// <summary>Room for the next value: the free space after the separator, which this writes when needed; empty when full.</summary>
    public Span<byte> Next(out int separator)
    {
        separator = 0;
        Span<byte> free = _buffer.AsSpan(_length);
        if (_length > 0)
        {
            if (free.IsEmpty)
            {
                return Span<byte>.Empty;
            }
            free[0] = (byte)',';
            separator = 1;
        }
        return free[separator..];
    }

    /// <summary>Keeps a value written into <see cref="Next"/> (with its separator).</summary>
    public void Commit(int separator, int written) => _length += separator + written;

    /// <summary>Hands the batch to the writer as one raw value and empties it.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_length > 0)
        {
            writer.WriteRawValue(_buffer.AsSpan(0, _length), skipInputValidation: true);
            _length = 0;
        }
    }

    /// <summary>Drops what the batch holds (for sizing estimates that format samples only).</summary>
    public void Clear() => _length = 0;

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
