using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>
/// The deliberate differences between the emulator and the recorded service, each with its reason, and the recorded
/// requests the emulator is not sent. Keep it short: a difference that is not deliberate is fixed in the emulator.
/// </summary>
internal static class FidelityAllowlist
{
    /// <summary>Patterns over the lines of <see cref="ResponseDifferences"/>, and why each difference is deliberate.</summary>
    public static readonly Allowlist Differences = new(
    [
        (@"^(batch-endpoint-lifecycle-and-job-status|workspace-get): GET workspace \(2023-08-01-preview\): key properties\.(azureAIContentSafety|azureCognitiveSearch|azureOpenAI|endpointResources) missing$",
            "The 2023 recording's workspace carried links to Azure AI services that the service no longer returns (the 2025 recordings have none); the emulator answers with today's shape."),
        (@"^(batch-endpoint-lifecycle-and-job-status|workspace-get): GET workspace \(2023-08-01-preview\): key properties\.(allowRoleAssignmentOnRG|enableServiceSideCMKEncryption|systemDatastoresAuthMode) that the service does not send$",
            "Fields the service added to the workspace after 2023 (the 2025 recordings have them)."),
        (@": POST workspace/datastores/\{datastore\}/listSecrets \(2024-07-01-preview\): (status 400 was 200|no error envelope)$",
            "These recordings' default datastore is identity-based (credentialsType None), so listSecrets refuses; the emulator's uses an account key on Azurite, as the 2026 model-upload recording's does, and hands out a SAS."),
        (@"^online-deployment-create-traffic-keys-delete: (GET workspace/models/\{model\}/versions \(2023-08-01-preview\): (status 200 was 404|key value missing|key error that the service does not send)|PUT workspace/models/\{model\}/versions/\{version\} \(2023-08-01-preview\): (status 200 was 201|header Location sent \(the resource itself\) but the service sends none))$",
            "The recorded workspace already held this anonymous model version from an earlier run, so the service found it and updated it; the emulator starts empty and creates it."),
        (@"^online-deployment-create-traffic-keys-delete: GET operationStatus \(2023-04-01-preview\): (status ""Failed"", the service's is ""Succeeded""|key error that the service does not send)$",
            "The deployment's code was uploaded before the recording began, to the recorded workspace's own storage account (https://{account}.blob.core.windows.net), so its files are in no recording; the emulator cannot fetch the scoring script and fails the deployment, as the service fails one whose code cannot be downloaded."),
    ]);

    /// <summary>Why a recorded request is not sent to the emulator, or null when it is.</summary>
    public static string? NotSent(RecordedExchange exchange, List<string> skippedResources)
    {
        string shape = ArmShapes.Of(exchange.Uri.AbsolutePath);
        if (!exchange.IsArm)
        {
            return "blob storage and scoring requests go to Azurite and the scoring route, which the client check covers";
        }
        if (Regex.IsMatch(shape, @"^workspace/jobs(/|$)"))
        {
            return "command jobs are outside what this SDK runs (batch jobs are created by invoking a batch endpoint)";
        }
        if (exchange.Method == "PUT" && shape == "workspace/datastores/{datastore}")
        {
            skippedResources.Add(exchange.Uri.AbsolutePath);
            return "the emulated workspace has its default datastores only; creating datastores is outside this SDK";
        }
        if (skippedResources.Any(r => exchange.Uri.AbsolutePath.StartsWith(r, StringComparison.OrdinalIgnoreCase)))
        {
            return "it reads a resource whose creation was not sent";
        }
        return null;
    }
}
