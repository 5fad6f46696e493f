namespace AzureMlflow.Deploy.Mlflow;

/// <summary>An MLflow model signature: what the model takes, returns, and which inference parameters it accepts.</summary>
public sealed class MlflowSignature
{
    internal MlflowSignature(MlflowSchema? inputs, MlflowSchema? outputs, IReadOnlyList<MlflowParamSpec> parameters)
    {
        Inputs = inputs;
        Outputs = outputs;
        Params = parameters;
    }

    /// <summary>The input schema, if recorded.</summary>
    public MlflowSchema? Inputs { get; }

    /// <summary>The output schema, if recorded.</summary>
    public MlflowSchema? Outputs { get; }

    /// <summary>The inference parameters (empty when none).</summary>
    public IReadOnlyList<MlflowParamSpec> Params { get; }
}
