namespace AzureMlflow.Deploy.Mlflow;

/// <summary>A tensor of a tensor-based MLflow schema.</summary>
/// <param name="Name">The tensor name (for named tensors), or null.</param>
/// <param name="DType">The numpy dtype name, such as <c>float32</c> or <c>uint8</c>.</param>
/// <param name="Shape">The shape; -1 marks a variable dimension.</param>
public sealed record MlflowTensorSpec(string? Name, string DType, IReadOnlyList<int> Shape);
