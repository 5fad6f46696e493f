namespace AzureMlflow.Deploy.Mlflow;

/// <summary>An inference parameter of an MLflow signature (MLflow 2.6+).</summary>
public sealed class MlflowParamSpec
{
    internal MlflowParamSpec(string name, string type, string? defaultJson, IReadOnlyList<int>? shape)
    {
        Name = name;
        Type = type;
        DefaultJson = defaultJson;
        Shape = shape;
    }

    /// <summary>The parameter name.</summary>
    public string Name { get; }

    /// <summary>The MLflow type.</summary>
    public string Type { get; }

    /// <summary>The default value as JSON text, or null.</summary>
    public string? DefaultJson { get; }

    /// <summary>The shape for list parameters, or null for scalars.</summary>
    public IReadOnlyList<int>? Shape { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Type}" + (DefaultJson is null ? "" : $" = {DefaultJson}");
}
