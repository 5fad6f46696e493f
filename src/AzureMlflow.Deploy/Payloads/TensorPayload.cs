using System.Text.Json;
using AzureMlflow.Deploy.Mlflow;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>A tensor request: one tensor as nested lists, or named tensors as an object of nested lists.</summary>
public sealed class TensorPayload : ScoringPayload
{
    private readonly PayloadTensor[] _tensors;

    internal TensorPayload(IReadOnlyList<PayloadTensor> tensors, bool named)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new PayloadValidationException("Give at least one tensor.");
        }
        if (named && tensors.Any(t => string.IsNullOrEmpty(t.Name)))
        {
            throw new PayloadValidationException("Every named tensor needs a name.");
        }
        if (named && tensors.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != tensors.Count)
        {
            throw new PayloadValidationException("Tensor names must be unique.");
        }
        _tensors = [.. tensors];
        IsNamed = named;
    }

    /// <summary>The tensors.</summary>
    public IReadOnlyList<PayloadTensor> Tensors => _tensors;

    /// <summary>Whether the tensors are sent by name (an object) rather than as one nested list.</summary>
    public bool IsNamed { get; }

    private protected override string ServeKey => "inputs";

    private protected override async ValueTask WriteInputAsync(Utf8JsonWriter writer, bool async, CancellationToken cancellationToken)
    {
        if (!IsNamed)
        {
            await WriteTensorAsync(writer, _tensors[0], async, cancellationToken).ConfigureAwait(false);
            return;
        }
        writer.WriteStartObject();
        foreach (PayloadTensor tensor in _tensors)
        {
            writer.WritePropertyName(tensor.Name!);
            await WriteTensorAsync(writer, tensor, async, cancellationToken).ConfigureAwait(false);
        }
        writer.WriteEndObject();
    }

    private async ValueTask WriteTensorAsync(Utf8JsonWriter writer, PayloadTensor tensor, bool async, CancellationToken cancellationToken)
    {
        if (writer.Options.Indented)
        {
            await WriteLevelAsync(writer, tensor, 0, 0, async, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var batch = new RawBatch(tensor.MaxRawBytes * 64);
        await WriteLevelRawAsync(writer, batch, tensor, 0, 0, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one dimension as a list (the innermost one as values) and returns the next flat offset.</summary>
    private async ValueTask<int> WriteLevelAsync(Utf8JsonWriter writer, PayloadTensor tensor, int depth, int offset, bool async, CancellationToken cancellationToken)
    {
        int count = tensor.Shape[depth];
        writer.WriteStartArray();
        if (depth == tensor.Shape.Count - 1)
        {
            for (int i = 0; i < count; i++)
            {
                tensor.WriteValue(writer, offset + i, this);
            }
            writer.WriteEndArray();
            await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
            return offset + count;
        }
        for (int i = 0; i < count; i++)
        {
            offset = await WriteLevelAsync(writer, tensor, depth + 1, offset, async, cancellationToken).ConfigureAwait(false);
        }
        writer.WriteEndArray();
        return offset;
    }

    /// <summary>
    /// Writes one dimension as a list whose items go as raw text in batches (see <see cref="RawBatch"/>): whole sub-lists
    /// when one fits comfortably in a batch, single values for the innermost dimension, and otherwise one level down.
    /// Returns the next flat offset.
    /// </summary>
    private async ValueTask<int> WriteLevelRawAsync(Utf8JsonWriter writer, RawBatch batch, PayloadTensor tensor, int depth, int offset, bool async, CancellationToken cancellationToken)
    {
        int count = tensor.Shape[depth];
        long itemValues = 1;
        for (int d = depth + 1; d < tensor.Shape.Count; d++)
        {
            itemValues *= tensor.Shape[d];
        }
        bool innermost = depth == tensor.Shape.Count - 1;
        bool itemsFit = innermost || MaxSubtreeBytes(tensor, depth + 1) <= RawBatch.DefaultBytes / 2;
        writer.WriteStartArray();
        if (!itemsFit)
        {
            for (int i = 0; i < count; i++)
            {
                offset = await WriteLevelRawAsync(writer, batch, tensor, depth + 1, offset, async, cancellationToken).ConfigureAwait(false);
            }
            writer.WriteEndArray();
            return offset;
        }
        for (int i = 0; i < count; i++)
        {
            Span<byte> free = batch.Next(out int separator);
            int written = innermost
                ? (tensor.TryFormatRaw(offset, free, this, out int n) ? n : -1)
                : FormatSubtree(tensor, depth + 1, offset, free);
            if (written < 0)
            {
                batch.WriteTo(writer);
                await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
                free = batch.Next(out separator);
                written = innermost
                    ? (tensor.TryFormatRaw(offset, free, this, out n) ? n : -1)
                    : FormatSubtree(tensor, depth + 1, offset, free);
            }
            batch.Commit(separator, written);
            offset += (int)itemValues;
        }
        batch.WriteTo(writer);
        writer.WriteEndArray();
        await FlushAsync(writer, async, cancellationToken).ConfigureAwait(false);
        return offset;
    }

    /// <summary>The most bytes the sub-list at <paramref name="depth"/> takes as raw text.</summary>
    private static long MaxSubtreeBytes(PayloadTensor tensor, int depth)
    {
        long bytes = tensor.MaxRawBytes + 1;
        for (int d = tensor.Shape.Count - 1; d >= depth; d--)
        {
            bytes = (bytes * tensor.Shape[d]) + 2;
        }
        return bytes;
    }

    /// <summary>Formats the whole sub-list at <paramref name="depth"/> starting at flat <paramref name="offset"/>; -1 when it does not fit.</summary>
    private int FormatSubtree(PayloadTensor tensor, int depth, int offset, Span<byte> destination)
    {
        int count = tensor.Shape[depth];
        if (depth == tensor.Shape.Count - 1)
        {
            return tensor.FormatList(offset, count, destination, this);
        }
        if (destination.Length < 2)
        {
            return -1;
        }
        int at = 0;
        destination[at++] = (byte)'[';
        bool innermost = depth == tensor.Shape.Count - 1;
        int itemValues = 1;
        for (int d = depth + 1; d < tensor.Shape.Count; d++)
        {
            itemValues *= tensor.Shape[d];
        }
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                if (at >= destination.Length)
                {
                    return -1;
                }
                destination[at++] = (byte)',';
            }
            int written;
            if (innermost)
            {
                if (!tensor.TryFormatRaw(offset + i, destination[at..], this, out written))
                {
                    return -1;
                }
            }
            else if ((written = FormatSubtree(tensor, depth + 1, offset + (i * itemValues), destination[at..])) < 0)
            {
                return -1;
            }
            at += written;
        }
        if (at >= destination.Length)
        {
            return -1;
        }
        destination[at++] = (byte)']';
        return at;
    }

    /// <summary>About how long the JSON is: sampled values scaled to the element count, plus brackets and commas.</summary>
    private protected override long EstimateJsonLength()
    {
        long total = 0;
        Span<byte> scratch = stackalloc byte[64];
        foreach (PayloadTensor tensor in _tensors)
        {
            int length = tensor.Length;
            int samples = Math.Min(length, 1024);
            long sampled = 0;
            for (int i = 0; i < samples; i++)
            {
                try
                {
                    sampled += tensor.TryFormatRaw((int)((long)i * length / samples), scratch, this, out int written) ? written : tensor.MaxRawBytes;
                }
                catch (PayloadValidationException)
                {
                    sampled += 4; // a non-finite value with Throw: writing will throw anyway
                }
            }
            long lists = 1;
            long arrays = 1;
            for (int d = 0; d < tensor.Shape.Count - 1; d++)
            {
                lists *= tensor.Shape[d];
                arrays += lists;
            }
            total += (samples == 0 ? 0 : sampled * length / samples) + length + (arrays * 2) + (tensor.Name?.Length ?? 0) + 8;
        }
        return total;
    }

    private protected override void ValidateInputs(MlflowSchema inputs) => SignatureChecks.Tensors(this, inputs);

    /// <inheritdoc/>
    public override string ToString() => $"Tensor payload ({string.Join(", ", _tensors.Select(t => t.ToString()))})";
}
