namespace AzureMlflow.Deploy;

/// <summary>The kind of a registered model (an extensible set: the service may add kinds).</summary>
public readonly struct ModelType : IEquatable<ModelType>
{
    private readonly string? _value;

    /// <summary>Creates a model type from its wire value, such as <c>mlflow_model</c>.</summary>
    /// <param name="value">The wire value.</param>
    public ModelType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>A model in any format, served with a scoring script and environment (<c>custom_model</c>).</summary>
    public static ModelType CustomModel { get; } = new("custom_model");

    /// <summary>An MLflow model folder containing an <c>MLmodel</c> file, deployable without a scoring script (<c>mlflow_model</c>).</summary>
    public static ModelType MlflowModel { get; } = new("mlflow_model");

    /// <summary>A Triton model repository (<c>triton_model</c>).</summary>
    public static ModelType TritonModel { get; } = new("triton_model");

    /// <summary>Whether two values are the same model type (case-insensitive).</summary>
    public static bool operator ==(ModelType left, ModelType right) => left.Equals(right);

    /// <summary>Whether two values are different model types.</summary>
    public static bool operator !=(ModelType left, ModelType right) => !left.Equals(right);

    /// <summary>Converts a wire value to a <see cref="ModelType"/>.</summary>
    public static implicit operator ModelType(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ModelType other) => string.Equals(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ModelType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());

    /// <summary>The wire value; <c>custom_model</c> for the default instance.</summary>
    public override string ToString() => _value ?? "custom_model";
}
