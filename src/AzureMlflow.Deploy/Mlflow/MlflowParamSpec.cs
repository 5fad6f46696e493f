namespace AzureMlflow.Deploy.Mlflow;

/// <summary>An inference parameter of an MLflow signature (MLflow 2.6+).</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type">The MLflow type.</param>
/// <param name="DefaultJson">The default value as JSON text, or null.</param>
/// <param name="Shape">The shape for list parameters, or null for scalars.</param>
public sealed record MlflowParamSpec(string Name, string Type, string? DefaultJson, IReadOnlyList<int>? Shape);
