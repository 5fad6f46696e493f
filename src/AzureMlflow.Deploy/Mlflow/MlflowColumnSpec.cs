namespace AzureMlflow.Deploy.Mlflow;

/// <summary>A column of a column-based MLflow schema.</summary>
public sealed class MlflowColumnSpec
{
    internal MlflowColumnSpec(string? name, string type, bool required = true)
    {
        Name = name;
        Type = type;
        Required = required;
    }

    /// <summary>The column name (numbers are kept as text), or null for unnamed columns.</summary>
    public string? Name { get; }

    /// <summary>The MLflow type as written: boolean, integer, long, float, double, string, binary, datetime, or array/object/map/any for nested types.</summary>
    public string Type { get; }

    /// <summary>Whether the column must be present.</summary>
    public bool Required { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name ?? "column"}: {Type}" + (Required ? "" : " (optional)");
}
