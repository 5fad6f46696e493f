namespace AzureMlflow.Deploy.Payloads;

/// <summary>Which server the request body is for.</summary>
public enum PayloadFormat
{
    /// <summary>Azure ML's MLflow no-code scoring: <c>{"input_data": ..., "params": ...}</c>.</summary>
    AzureML,

    /// <summary><c>mlflow models serve</c> (MLflow 2.x): <c>dataframe_split</c>, <c>dataframe_records</c> or <c>inputs</c> at the top level.</summary>
    MlflowServe,
}
