namespace AzureMlflow.Deploy.Mlflow;

/// <summary>A tensor of a tensor-based MLflow schema.</summary>
public sealed class MlflowTensorSpec
{
    internal MlflowTensorSpec(string? name, string dType, IReadOnlyList<int> shape)
    {
        Name = name;
        DType = dType;
        Shape = shape;
    }

    /// <summary>The tensor name (for named tensors), or null.</summary>
    public string? Name { get; }

    /// <summary>The numpy dtype name, such as <c>float32</c> or <c>uint8</c>.</summary>
    public string DType { get; }

    /// <summary>The shape; -1 marks a variable dimension.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name ?? "tensor"}: {DType} ({string.Join(", ", Shape)})";
}
