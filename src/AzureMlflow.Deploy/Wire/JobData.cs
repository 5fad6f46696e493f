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

internal static class JobMapper
{
    public static BatchJob FromWire(JobData data)
    {
        JobPropertiesData properties = data.Properties ?? new();
        var job = new BatchJob(data.Name ?? string.Empty)
        {
            Id = data.Id,
            Status = new JobStatus(properties.Status ?? "NotStarted"),
            EndpointName = properties.Properties?.GetValueOrDefault("EndpointName") ?? properties.ExperimentName,
            DeploymentName = properties.Properties?.GetValueOrDefault("DeploymentName"),
            CreatedOn = properties.CreationTime,
            StartedOn = properties.StartTime,
            EndedOn = properties.EndTime,
            ErrorCode = properties.Error?.Code,
            ErrorMessage = properties.Error?.Message,
        };
        foreach ((string name, JobIoData io) in properties.Inputs ?? [])
        {
            if (io.Uri is not null)
            {
                job.Inputs[name] = io.Uri;
            }
        }
        foreach ((string name, JobIoData io) in properties.Outputs ?? [])
        {
            if (io.Uri is not null)
            {
                job.Outputs[name] = io.Uri;
            }
        }
        return job;
    }
}
