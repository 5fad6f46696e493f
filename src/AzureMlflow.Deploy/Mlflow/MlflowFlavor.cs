namespace AzureMlflow.Deploy.Mlflow;

/// <summary>One flavor of an MLflow model (<c>python_function</c>, <c>sklearn</c>, <c>onnx</c>...) with its settings as text.</summary>
public sealed class MlflowFlavor
{
    internal MlflowFlavor(string name, IReadOnlyDictionary<string, string> properties)
    {
        Name = name;
        Properties = properties;
    }

    /// <summary>The flavor name.</summary>
    public string Name { get; }

    /// <summary>The flavor's settings; nested values are kept as their JSON text.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <inheritdoc/>
    public override string ToString() => $"MLflow flavor '{Name}'";
}
