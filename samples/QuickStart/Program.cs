// The quick start: register the sample MLflow model from its local folder, deploy it to a managed online endpoint with
// no scoring script, send it a few rows of the diabetes data, print the predictions and the logs, list the deployments,
// rotate a key, and delete everything.
// Runs against the embedded local workspace emulator unless AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP and
// AZUREML_WORKSPACE_NAME are set, in which case it uses that Azure ML workspace through DefaultAzureCredential.
// '--model sklearn' or '--model xgboost' deploys the scikit-learn or XGBoost sample instead of the ONNX one (the
// emulator runs those through a local Python with the library installed).
using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Mlflow;
using AzureMlflow.Deploy.Payloads;

string root = FindRepositoryRoot();
string flavor = args.SkipWhile(a => a != "--model").Skip(1).FirstOrDefault() ?? "onnx";
string modelName = flavor switch
{
    "onnx" => "diabetes-linear",
    "sklearn" or "xgboost" => $"diabetes-{flavor}",
    _ => throw new ArgumentException($"Unknown --model '{flavor}': use onnx (the default), sklearn or xgboost."),
};
string modelFolder = Path.Combine(root, "samples", "models", modelName);
string sampleRows = Path.Combine(root, "samples", "data", "diabetes-sample.csv");

string? subscription = Environment.GetEnvironmentVariable("AZURE_SUBSCRIPTION_ID");
string? resourceGroup = Environment.GetEnvironmentVariable("AZURE_RESOURCE_GROUP");
string? workspace = Environment.GetEnvironmentVariable("AZUREML_WORKSPACE_NAME");
bool useAzure = !string.IsNullOrEmpty(subscription) && !string.IsNullOrEmpty(resourceGroup) && !string.IsNullOrEmpty(workspace);

var clock = Stopwatch.StartNew();
void Step(string text) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {text}");

if (!useAzure)
{
    Step("Starting the local Azure ML workspace emulator (and Azurite for its blob storage)...");
}
await using WorkspaceEmulator? emulator = useAzure ? null : await WorkspaceEmulator.StartAsync(new EmulatorOptions { Storage = EmulatorStorage.Azurite });
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
// Polling for long operations: every 100 ms locally; every 15 s on Azure, where deployments take minutes.
var progressEvery = TimeSpan.FromSeconds(useAzure ? 15 : 0.1);

Workspace ws = await client.Workspaces.GetAsync();
Step($"Workspace '{ws.Name}' in {ws.Location}{(useAzure ? "" : $" (emulator at {emulator!.BaseUri})")}");

MlflowModel mlmodel = MlflowModel.Load(modelFolder);
Step($"Read {modelFolder}: {mlmodel}, inputs {mlmodel.Signature?.Inputs}");

var upload = new UploadReporter(p => Step(p.AlreadyUploaded
    ? "  the files are already in the datastore (same content hash): nothing to upload"
    : $"  uploaded {p.TotalFiles} files, {p.TotalBytes:N0} bytes"));
Model model = await client.Models.CreateOrUpdateAsync(new Model { Name = modelName, Type = ModelType.MlflowModel, Path = modelFolder }, upload);
Step($"Registered model {model.Name}:{model.Version} at {model.Path}");

string endpointName = $"quickstart-{Guid.NewGuid().ToString("N")[..8]}";
try
{
    var endpoint = await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Started, new ManagedOnlineEndpoint(endpointName) { Description = "AzureMlflow.Deploy quick start" });
    await WaitAsync(endpoint, $"Creating endpoint '{endpointName}'");
    Step($"Endpoint ready: {endpoint.Value.ScoringUri}");

    var deployment = await client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Started,
        new ManagedOnlineDeployment("blue", endpointName) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
    await WaitAsync(deployment, "Creating deployment 'blue' (MLflow, no scoring script)");

    await client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int> { ["blue"] = 100 });
    Step("Traffic: blue=100%");

    DataFramePayload payload = ScoringPayload.FromCsvFile(sampleRows);
    payload.Validate(mlmodel.Signature!);
    Step($"Request: {payload} -> {payload.ToJson()[..Math.Min(120, payload.ToJson().Length)]}...");
    ScoringResult result = await client.OnlineEndpoints.InvokeAsync(endpointName, payload);
    Step($"Predictions from '{result.DeploymentName}': {string.Join(", ", result.ToDoubleArray().Select(p => p.ToString("F1")))}");

    string logs = await client.OnlineDeployments.GetLogsAsync("blue", endpointName, lines: 5);
    Step("Last log lines of 'blue':" + Environment.NewLine + "    " + logs.Replace("\n", Environment.NewLine + "    "));

    await foreach (ManagedOnlineDeployment d in client.OnlineDeployments.ListAsync(endpointName))
    {
        Step($"Deployment '{d.Name}': {d.InstanceCount} x {d.InstanceType}, {d.ProvisioningState}, model {d.Model}");
    }

    // Keys are secrets: this sample shows that they change, never their values.
    var before = (EndpointAuthKeys)(await client.OnlineEndpoints.GetKeysAsync(endpointName)).Value;
    await client.OnlineEndpoints.BeginRegenerateKeysAsync(WaitUntil.Completed, endpointName, KeyType.Secondary);
    var after = (EndpointAuthKeys)(await client.OnlineEndpoints.GetKeysAsync(endpointName)).Value;
    Step($"Regenerated the secondary key: secondary {(after.SecondaryKey != before.SecondaryKey ? "changed" : "UNCHANGED")}, primary {(after.PrimaryKey == before.PrimaryKey ? "kept" : "CHANGED")}");

    await client.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int> { ["blue"] = 0 });
    var deleteDeployment = await client.OnlineDeployments.BeginDeleteAsync(WaitUntil.Started, "blue", endpointName);
    await WaitAsync(deleteDeployment, "Moving traffic off 'blue' and deleting it");
}
finally
{
    var delete = await client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Started, endpointName);
    await WaitAsync(delete, $"Deleting endpoint '{endpointName}'");
    Step("Done.");
}

async Task WaitAsync(Operation operation, string what)
{
    Step(what + "...");
    while (!operation.HasCompleted)
    {
        await Task.Delay(progressEvery);
        await operation.UpdateStatusAsync();
        if (!operation.HasCompleted && useAzure)
        {
            Step($"  still working ({what.ToLowerInvariant()})");
        }
    }
}

static string FindRepositoryRoot()
{
    foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
    {
        for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "samples", "models", "diabetes-linear")))
            {
                return dir.FullName;
            }
        }
    }
    throw new DirectoryNotFoundException("Run the quick start from the repository (samples/models/diabetes-linear was not found).");
}

/// <summary>Prints the upload once it is complete (reports arrive from several threads while files upload in parallel).</summary>
sealed class UploadReporter(Action<UploadProgress> done) : IProgress<UploadProgress>
{
    private int _reported;

    public void Report(UploadProgress value)
    {
        if ((value.AlreadyUploaded || value.FilesCompleted == value.TotalFiles) && Interlocked.Exchange(ref _reported, 1) == 0)
        {
            done(value);
        }
    }
}
