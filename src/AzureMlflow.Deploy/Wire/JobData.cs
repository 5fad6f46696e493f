namespace AzureMlflow.Deploy.Wire;

/// <summary>Wire shape of a job (what batch jobs need of it).</summary>
internal sealed class JobData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public JobPropertiesData? Properties { get; set; }
}

internal sealed class JobPropertiesData
{
    public string? JobType { get; set; }
    public string? Status { get; set; }
    public string? DisplayName { get; set; }
    public string? ExperimentName { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public Dictionary<string, JobIoData>? Inputs { get; set; }
    public Dictionary<string, JobIoData>? Outputs { get; set; }
    public DateTimeOffset? CreationTime { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public ErrorDetailData? Error { get; set; }
}

/// <summary>A job input or output: <c>{"jobInputType": "UriFolder", "uri": ...}</c> / <c>{"jobOutputType": ..., "uri": ...}</c>.</summary>
internal sealed class JobIoData
{
    public string? JobInputType { get; set; }
    public string? JobOutputType { get; set; }
    public string? Uri { get; set; }
    public string? Mode { get; set; }
}

/// <summary>The body of a batch invoke: <c>{"properties": {"inputData": {...}}}</c>.</summary>
internal sealed class BatchJobRequestData
{
    public BatchJobRequestPropertiesData? Properties { get; set; }
}

internal sealed class BatchJobRequestPropertiesData
{
    public Dictionary<string, JobIoData>? InputData { get; set; }
}
