namespace AzureMlflow.Deploy.Mlflow;

/// <summary>A column of a column-based MLflow schema.</summary>
/// <param name="Name">The column name (numbers are kept as text), or null for unnamed columns.</param>
/// <param name="Type">The MLflow type as written: boolean, integer, long, float, double, string, binary, datetime, or array/object/map for nested types.</param>
/// <param name="Required">Whether the column must be present.</param>
public sealed record MlflowColumnSpec(string? Name, string Type, bool Required = true);
