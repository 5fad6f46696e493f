namespace AzureMlflow.Deploy.Wire;

/// <summary>Body of <c>POST .../getLogs</c>.</summary>
internal sealed class DeploymentLogsRequestData
{
    public string? ContainerType { get; set; }
    public int? Tail { get; set; }
}

internal sealed class DeploymentLogsData
{
    public string? Content { get; set; }
}
