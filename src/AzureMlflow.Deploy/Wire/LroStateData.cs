namespace AzureMlflow.Deploy.Wire;

/// <summary>What an operation id encodes so a later process can resume waiting.</summary>
internal sealed class LroStateData
{
    public int V { get; set; } = 1;
    public string? Method { get; set; }
    public string? ResourceUri { get; set; }
    public string? AsyncOperationUri { get; set; }
    public string? LocationUri { get; set; }
    public string? Description { get; set; }
    public string? FailureHint { get; set; }
}
