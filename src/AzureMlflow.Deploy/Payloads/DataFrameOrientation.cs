namespace AzureMlflow.Deploy.Payloads;

/// <summary>How a DataFrame is laid out in JSON.</summary>
public enum DataFrameOrientation
{
    /// <summary><c>{"columns": [...], "data": [[...]], "index": [...]}</c>: keeps column order; what Azure ML documents.</summary>
    Split,

    /// <summary><c>[{"column": value, ...}, ...]</c>: one object per row; column order is not guaranteed to survive.</summary>
    Records,
}
