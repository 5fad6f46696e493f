// The quick start: deploy an MLflow model to a managed online endpoint and tear it all down, printing each step.
// Runs against the embedded local workspace emulator unless AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP and
// AZUREML_WORKSPACE are set, in which case it uses your Azure workspace through DefaultAzureCredential.
using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Emulator;

string? subscription = Environment.GetEnvironmentVariable("AZURE_SUBSCRIPTION_ID");
string? resourceGroup = Environment.GetEnvironmentVariable("AZURE_RESOURCE_GROUP");
string? workspace = Environment.GetEnvironmentVariable("AZUREML_WORKSPACE");
bool useAzure = !string.IsNullOrEmpty(subscription) && !string.IsNullOrEmpty(resourceGroup) && !string.IsNullOrEmpty(workspace);

await using WorkspaceEmulator? emulator = useAzure ? null : await WorkspaceEmulator.StartAsync();
MLClient client = useAzure
    ? new MLClient(new DefaultAzureCredential(), subscription!, resourceGroup!, workspace!)
    : new MLClient(
        // The emulator accepts any bearer token; a real workspace needs a real credential.
        DelegatedTokenCredential.Create((_, _) => new AccessToken("emulator", DateTimeOffset.UtcNow.AddHours(1))),
        emulator!.Options.SubscriptionId, emulator.Options.ResourceGroup, emulator.Options.WorkspaceName,
        new MLClientOptions
        {
            ResourceManagerEndpoint = emulator.BaseUri,
            PollingInterval = TimeSpan.FromMilliseconds(100),
            Transport = new HttpClientTransport(emulator.CreateHttpMessageHandler()),
        });

string endpointName = $"quickstart-{Guid.NewGuid().ToString("N")[..8]}";
string modelUri = Environment.GetEnvironmentVariable("AZUREML_MODEL_URI") ?? "azureml://datastores/workspaceblobstore/paths/models/sklearn-diabetes";
var clock = Stopwatch.StartNew();
void Step(string text) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F2}s] {text}");

Workspace ws = await client.Workspaces.GetAsync();
Step($"Using workspace '{ws.Name}' in {ws.Location}{(useAzure ? "" : $" (local emulator at {emulator!.BaseUri})")}");

var endpoint = await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed,
    new ManagedOnlineEndpoint(endpointName) { AuthMode = EndpointAuthMode.Key, Description = "AzureMlflow.Deploy quick start" });
Step($"Created endpoint '{endpointName}': {endpoint.Value.ProvisioningState}, scoring URI {endpoint.Value.ScoringUri}");

Model model = await client.Models.CreateOrUpdateAsync(new Model { Name = "sklearn-diabetes", Type = ModelType.MlflowModel, Path = modelUri });
Step($"Registered MLflow model {model.Name}:{model.Version}");

var deployment = await client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
    new ManagedOnlineDeployment("blue", endpointName) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
Step($"Deployed 'blue' (no scoring script, no environment): {deployment.Value.ProvisioningState}");

await client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int> { ["blue"] = 100 });
ManagedOnlineEndpoint routed = await client.OnlineEndpoints.GetAsync(endpointName);
Step($"Traffic: {string.Join(", ", routed.Traffic.Select(t => $"{t.Key}={t.Value}%"))}");

await foreach (ManagedOnlineEndpoint listed in client.OnlineEndpoints.ListAsync())
{
    Step($"  endpoint '{listed.Name}' ({listed.ProvisioningState})");
}

EndpointCredentials keys = await client.OnlineEndpoints.GetKeysAsync(endpointName);
Step($"Keys: {keys}");
await client.OnlineEndpoints.BeginRegenerateKeysAsync(WaitUntil.Completed, endpointName, KeyType.Secondary);
Step("Regenerated the secondary key");

string logs = await client.OnlineDeployments.GetLogsAsync("blue", endpointName, lines: 3);
Step("Last log lines of 'blue':" + Environment.NewLine + "    " + logs.Replace("\n", Environment.NewLine + "    "));

await client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int>());
await client.OnlineDeployments.BeginDeleteAsync(WaitUntil.Completed, "blue", endpointName);
Step("Moved traffic off 'blue' and deleted it");
await client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);
Step($"Deleted endpoint '{endpointName}'. Done.");
