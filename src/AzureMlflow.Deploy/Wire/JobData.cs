namespace AzureMlflow.Deploy.Wire;

/// <summary>
/// Wire shape of a batch job, as both of the service's APIs show it: the ARM job resource (<c>jobs/{name}</c>: a
/// pipeline job with <c>inputs</c>/<c>outputs</c>) and the batch endpoint's data plane (invoke and job lists:
/// <c>inputData</c>/<c>outputData</c>).
/// </summary>
internal sealed class JobData
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public JobPropertiesData? Properties { get; set; }
    public SystemData? SystemData { get; set; }
}

internal sealed class JobPropertiesData
{
    public string? JobType { get; set; }
    public string? Status { get; set; }
    public string? DisplayName { get; set; }
    public string? ExperimentName { get; set; }
    public Dictionary<string, string?>? Properties { get; set; }
    public Dictionary<string, string?>? Tags { get; set; }
    public Dictionary<string, JobIoData>? Inputs { get; set; }
    public Dictionary<string, JobIoData>? Outputs { get; set; }
    public Dictionary<string, JobIoData>? InputData { get; set; }
    public Dictionary<string, JobIoData>? OutputData { get; set; }
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
        Dictionary<string, string?> bag = properties.Properties ?? [];
        var job = new BatchJob(data.Name ?? string.Empty)
        {
            Id = data.Id,
            Status = new JobStatus(properties.Status ?? "NotStarted"),
            // Batch jobs name their endpoint and deployment in these properties (and the deployment in a tag).
            EndpointName = bag.GetValueOrDefault("azureml.endpointname") ?? properties.ExperimentName,
            DeploymentName = bag.GetValueOrDefault("azureml.deploymentname") ?? properties.Tags?.GetValueOrDefault("azureml.deploymentname"),
            CreatedOn = data.SystemData?.CreatedAt,
            StartedOn = RunHistoryTime(bag.GetValueOrDefault("StartTimeUtc")),
            EndedOn = RunHistoryTime(bag.GetValueOrDefault("EndTimeUtc")),
            ErrorCode = properties.Error?.Code,
            ErrorMessage = properties.Error?.Message,
        };
        foreach ((string name, JobIoData io) in (properties.Inputs ?? properties.InputData ?? []).Where(i => i.Value.Uri is not null))
        {
            job.Inputs[name] = io.Uri!;
        }
        foreach ((string name, JobIoData io) in (properties.Outputs ?? properties.OutputData ?? []).Where(o => o.Value.Uri is not null))
        {
            job.Outputs[name] = io.Uri!;
        }
        return job;
    }

    /// <summary>Run history's times in a job's properties (<c>2023-12-02 02:15:33</c>, UTC).</summary>
    private static DateTimeOffset? RunHistoryTime(string? value) =>
        DateTimeOffset.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out DateTimeOffset time) ? time : null;
}
