using AzureMlflow.Deploy.Mlflow;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// MLflow's schema enforcement, applied before sending: required columns present and in order, types that MLflow can
/// convert safely, tensor dtypes and fixed dimensions, named tensors, params.
/// </summary>
internal static class SignatureChecks
{
    /// <summary>The column types MLflow converts each signature type from without loss.</summary>
    private static readonly Dictionary<string, string[]> SafeConversions = new(StringComparer.Ordinal)
    {
        ["double"] = ["double", "float", "long", "integer"],
        ["float"] = ["float", "integer"],
        ["long"] = ["long", "integer"],
        ["integer"] = ["integer"],
        ["boolean"] = ["boolean"],
        ["string"] = ["string"],
        ["datetime"] = ["datetime", "string"],
        ["binary"] = ["binary", "string"],
    };

    public static void DataFrame(DataFramePayload payload, MlflowSchema inputs)
    {
        if (inputs.IsTensorBased)
        {
            throw new PayloadValidationException(
                $"The model takes tensors ({string.Join(", ", inputs.Tensors.Select(Describe))}), not a DataFrame; build the payload with ScoringPayload.FromTensor or FromNamedTensors.");
        }
        var sent = payload.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        bool named = inputs.Columns.All(c => c.Name is not null);
        if (!named)
        {
            if (payload.Columns.Count != inputs.Columns.Count)
            {
                throw new PayloadValidationException($"The model takes {inputs.Columns.Count} unnamed columns but the payload has {payload.Columns.Count}.");
            }
            for (int i = 0; i < inputs.Columns.Count; i++)
            {
                CheckType(payload.Columns[i], inputs.Columns[i]);
            }
            return;
        }
        var missing = inputs.Columns.Where(c => c.Required && !sent.ContainsKey(c.Name!)).Select(c => c.Name!).ToList();
        if (missing.Count > 0)
        {
            throw new PayloadValidationException(
                $"The payload is missing the required column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; the model's signature expects {string.Join(", ", inputs.Columns.Select(c => c.Name))}.");
        }
        foreach (MlflowColumnSpec spec in inputs.Columns)
        {
            if (sent.TryGetValue(spec.Name!, out PayloadColumn? column))
            {
                CheckType(column, spec);
            }
        }
        var expectedOrder = inputs.Columns.Select(c => c.Name!).Where(sent.ContainsKey).ToList();
        var actualOrder = payload.Columns.Select(c => c.Name).Where(n => expectedOrder.Contains(n)).ToList();
        if (!expectedOrder.SequenceEqual(actualOrder))
        {
            throw new PayloadValidationException(
                $"The columns are in the order {string.Join(", ", actualOrder)} but the signature's order is {string.Join(", ", expectedOrder)}; " +
                "call SelectColumns with the signature's names to reorder them.");
        }
    }

    public static void Tensors(TensorPayload payload, MlflowSchema inputs)
    {
        if (!inputs.IsTensorBased)
        {
            throw new PayloadValidationException(
                $"The model takes a DataFrame with columns {string.Join(", ", inputs.Columns.Select(c => c.Name))}, not tensors; build the payload with ScoringPayload.FromColumns, FromRows or FromRecords.");
        }
        bool named = inputs.Tensors.Count > 1 || inputs.Tensors.Any(t => t.Name is not null) && payload.IsNamed;
        if (!named)
        {
            if (payload.Tensors.Count != 1)
            {
                throw new PayloadValidationException($"The model takes a single tensor but the payload has {payload.Tensors.Count}.");
            }
            CheckTensor(payload.Tensors[0], inputs.Tensors[0]);
            return;
        }
        if (!payload.IsNamed)
        {
            throw new PayloadValidationException(
                $"The model takes named tensors ({string.Join(", ", inputs.Tensors.Select(t => t.Name))}); build the payload with ScoringPayload.FromNamedTensors.");
        }
        var sent = payload.Tensors.ToDictionary(t => t.Name!, StringComparer.Ordinal);
        foreach (MlflowTensorSpec spec in inputs.Tensors)
        {
            if (!sent.TryGetValue(spec.Name ?? string.Empty, out PayloadTensor? tensor))
            {
                throw new PayloadValidationException($"The payload has no tensor '{spec.Name}'; the model expects {string.Join(", ", inputs.Tensors.Select(t => t.Name))}.");
            }
            CheckTensor(tensor, spec);
        }
    }

    public static void Params(IDictionary<string, object?> sent, IReadOnlyList<MlflowParamSpec> schema)
    {
        if (sent.Count == 0)
        {
            return;
        }
        if (schema.Count == 0)
        {
            throw new PayloadValidationException($"The model's signature declares no params, but the payload sends {string.Join(", ", sent.Keys)}.");
        }
        string? unknown = sent.Keys.FirstOrDefault(k => schema.All(p => p.Name != k));
        if (unknown is not null)
        {
            throw new PayloadValidationException($"The model has no parameter '{unknown}'; its params are {string.Join(", ", schema.Select(p => p.Name))}.");
        }
    }

    private static void CheckType(PayloadColumn column, MlflowColumnSpec spec)
    {
        if (spec.Type == "binary")
        {
            throw new PayloadValidationException($"Column '{spec.Name}' has type binary, which Azure ML's no-code deployment does not support; send it as base64 strings or a tensor.");
        }
        string sent = column.MlflowType;
        if (sent == "object" || !SafeConversions.TryGetValue(spec.Type, out string[]? allowed))
        {
            return; // mixed or nested values: the service decides
        }
        if (!allowed.Contains(sent))
        {
            throw new PayloadValidationException(
                $"Column '{column.Name}' holds {sent} values but the signature says {spec.Type}; MLflow cannot convert {sent} to {spec.Type} safely. Convert the values before sending.");
        }
    }

    private static void CheckTensor(PayloadTensor tensor, MlflowTensorSpec spec)
    {
        string label = spec.Name is null ? "The tensor" : $"Tensor '{spec.Name}'";
        if (!string.Equals(tensor.DType, spec.DType, StringComparison.Ordinal))
        {
            throw new PayloadValidationException($"{label} is {tensor.DType} but the signature says {spec.DType}; MLflow requires the exact dtype for tensors.");
        }
        bool fits = tensor.Shape.Count == spec.Shape.Count && spec.Shape.Zip(tensor.Shape).All(d => d.First == -1 || d.First == d.Second);
        if (!fits)
        {
            throw new PayloadValidationException(
                $"{label} has shape [{string.Join(", ", tensor.Shape)}] but the signature expects [{string.Join(", ", spec.Shape)}] (-1 means any size).");
        }
    }

    private static string Describe(MlflowTensorSpec spec) => $"{spec.Name ?? "tensor"} {spec.DType}[{string.Join(", ", spec.Shape)}]";
}
