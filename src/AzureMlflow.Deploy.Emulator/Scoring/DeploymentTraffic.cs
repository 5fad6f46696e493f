namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>How many scoring requests a deployment has received.</summary>
public sealed class DeploymentTraffic
{
    internal DeploymentTraffic(int liveRequests, int mirroredRequests)
    {
        LiveRequests = liveRequests;
        MirroredRequests = mirroredRequests;
    }

    /// <summary>Requests routed to it (by traffic weights or the <c>azureml-model-deployment</c> header).</summary>
    public int LiveRequests { get; }

    /// <summary>Copies it received through mirror traffic (their answers are discarded).</summary>
    public int MirroredRequests { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{LiveRequests} live, {MirroredRequests} mirrored";
}
