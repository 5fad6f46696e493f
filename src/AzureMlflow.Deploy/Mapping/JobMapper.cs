using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy.Mapping;

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
