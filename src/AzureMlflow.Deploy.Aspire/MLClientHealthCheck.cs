using Azure;
using AzureMlflow.Deploy;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AzureMlflow.Deploy.Aspire;

/// <summary>Healthy when the workspace answers its GET with the service's credentials: reachable, the workspace there, the identity let in.</summary>
internal sealed class MLClientHealthCheck(MLClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            Workspace workspace = (await client.Workspaces.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return HealthCheckResult.Healthy($"Workspace {workspace.Name} answers.");
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The workspace did not answer.", ex);
        }
    }
}
