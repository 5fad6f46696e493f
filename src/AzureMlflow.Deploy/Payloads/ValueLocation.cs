namespace AzureMlflow.Deploy.Payloads;

/// <summary>Where a value sits (column and row, or tensor and flat index); formatted only when an error needs it, so writing allocates nothing.</summary>
internal readonly record struct ValueLocation(string Kind, string? Owner, long Index)
{
    public override string ToString() => Owner is null ? $"{Kind} value {Index}" : $"{Kind} '{Owner}' {(Kind == "Column" ? "row" : "index")} {Index}";
}
