namespace AzureMlflow.Deploy.Wire;

/// <summary>The ARM error envelope <c>{"error": {...}}</c>.</summary>
internal sealed class ErrorResponseData
{
    public ErrorDetailData? Error { get; set; }
}

internal sealed class ErrorDetailData
{
    public string? Code { get; set; }
    public string? Message { get; set; }
    public string? Target { get; set; }
    public List<ErrorDetailData>? Details { get; set; }
}
