namespace AzureMlflow.Deploy.Mlflow;

/// <summary>The inputs or outputs of an MLflow signature: either columns or tensors, never both.</summary>
public sealed class MlflowSchema
{
    internal MlflowSchema(IReadOnlyList<MlflowColumnSpec> columns, IReadOnlyList<MlflowTensorSpec> tensors)
    {
        Columns = columns;
        Tensors = tensors;
    }

    /// <summary>Whether the schema describes tensors (otherwise columns).</summary>
    public bool IsTensorBased => Tensors.Count > 0;

    /// <summary>The columns of a column-based schema (empty for tensors).</summary>
    public IReadOnlyList<MlflowColumnSpec> Columns { get; }

    /// <summary>The tensors of a tensor-based schema (empty for columns).</summary>
    public IReadOnlyList<MlflowTensorSpec> Tensors { get; }

    /// <inheritdoc/>
    public override string ToString() => IsTensorBased ? $"{Tensors.Count} tensor(s)" : $"{Columns.Count} column(s)";
}
