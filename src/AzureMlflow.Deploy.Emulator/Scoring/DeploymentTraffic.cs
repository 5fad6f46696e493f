namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>How many scoring requests a deployment has received.</summary>
/// <param name="LiveRequests">Requests routed to it (by traffic weights or the <c>azureml-model-deployment</c> header).</param>
/// <param name="MirroredRequests">Copies it received through mirror traffic (their answers are discarded).</param>
public sealed record DeploymentTraffic(int LiveRequests, int MirroredRequests);
