namespace AzureMlflow.Deploy.Payloads;

/// <summary>How a DataFrame is laid out in JSON.</summary>
public enum DataFrameOrientation
{
    /// <summary><c>{"columns": [...], "data": [[...]], "index": [...]}</c>: keeps column order; what Azure ML documents.</summary>
    Split,

    /// <summary>
    /// <c>[{"column": value, ...}, ...]</c>: one object per row; column order is not guaranteed to survive. Azure ML's
    /// MLflow (no-code) deployments refuse it: their server reads DataFrames in split orientation only. Use it for a
    /// scoring script that reads records, or for <c>mlflow models serve</c> (<c>dataframe_records</c>).
    /// </summary>
    Records,
}
