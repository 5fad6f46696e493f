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

    private async ValueTask WriteTensorAsync(Utf8JsonWriter writer, PayloadTensor tensor, bool async, CancellationToken cancellationToken) =>
        await WriteLevelAsync(writer, tensor, 0, 0, async, cancellationToken).ConfigureAwait(false);

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

    private protected override void ValidateInputs(MlflowSchema inputs) => SignatureChecks.Tensors(this, inputs);

    /// <inheritdoc/>
    public override string ToString() => $"Tensor payload ({string.Join(", ", _tensors.Select(t => t.ToString()))})";
}
