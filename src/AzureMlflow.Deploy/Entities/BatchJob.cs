namespace AzureMlflow.Deploy;

/// <summary>A batch scoring job started by invoking a batch endpoint.</summary>
public class BatchJob
{
    /// <summary>Creates a job description (normally returned by the service).</summary>
    /// <param name="name">The job name.</param>
    internal BatchJob(string name) => Name = name;

    /// <summary>The job name (use it with <see cref="MLClient.Jobs"/>).</summary>
    public string Name { get; }

    /// <summary>The ARM id.</summary>
    public string? Id { get; internal set; }

    /// <summary>The status when the job was read.</summary>
    public JobStatus Status { get; internal set; }

    /// <summary>The batch endpoint.</summary>
    public string? EndpointName { get; internal set; }

    /// <summary>The deployment that runs the job.</summary>
    public string? DeploymentName { get; internal set; }

    /// <summary>When the job was created.</summary>
    public DateTimeOffset? CreatedOn { get; internal set; }

    /// <summary>When it started running.</summary>
    public DateTimeOffset? StartedOn { get; internal set; }

    /// <summary>When it stopped.</summary>
    public DateTimeOffset? EndedOn { get; internal set; }

    /// <summary>The inputs, by name, as URIs.</summary>
    public IDictionary<string, string> Inputs { get; } = new Dictionary<string, string>();

    /// <summary>The outputs, by name (<c>score</c>), as URIs.</summary>
    public IDictionary<string, string> Outputs { get; } = new Dictionary<string, string>();

    /// <summary>The error code of a failed job.</summary>
    public string? ErrorCode { get; internal set; }

    /// <summary>The error message of a failed job.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <inheritdoc/>
    public override string ToString() => $"BatchJob '{Name}' ({Status}) on '{EndpointName}/{DeploymentName}'";
}
