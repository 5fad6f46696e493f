// Batch scoring of an MLflow model: register the sample ONNX model, create a batch endpoint and a no-code deployment,
// score a folder of CSV files as a job, follow its status and logs, download the predictions, and delete everything.
// Runs against the embedded emulator unless AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP and AZUREML_WORKSPACE_NAME are
// set (then also set AZUREML_COMPUTE to a compute cluster's name).
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Emulator;

string root = FindRepositoryRoot();
string? subscription = Environment.GetEnvironmentVariable("AZURE_SUBSCRIPTION_ID");
string? resourceGroup = Environment.GetEnvironmentVariable("AZURE_RESOURCE_GROUP");
string? workspace = Environment.GetEnvironmentVariable("AZUREML_WORKSPACE_NAME");
bool useAzure = !string.IsNullOrEmpty(subscription) && !string.IsNullOrEmpty(resourceGroup) && !string.IsNullOrEmpty(workspace);

var clock = Stopwatch.StartNew();
void Step(string text) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {text}");

await using WorkspaceEmulator? emulator = useAzure ? null : await WorkspaceEmulator.StartAsync(new EmulatorOptions { Storage = EmulatorStorage.Azurite });
MLClient client = useAzure
    ? new MLClient(new DefaultAzureCredential(), subscription!, resourceGroup!, workspace!)
    : new MLClient(
        DelegatedTokenCredential.Create((_, _) => new AccessToken("emulator", DateTimeOffset.UtcNow.AddHours(1))),
        emulator!.Options.SubscriptionId, emulator.Options.ResourceGroup, emulator.Options.WorkspaceName,
        new MLClientOptions
        {
            ResourceManagerEndpoint = emulator.BaseUri,
            PollingInterval = TimeSpan.FromMilliseconds(100),
            Transport = new HttpClientTransport(emulator.CreateHttpMessageHandler()),
        });

// The input: the sample rows split over three CSV files (batch deployments distribute work by file).
string input = Directory.CreateTempSubdirectory("batch-input-").FullName;
string output = Directory.CreateTempSubdirectory("batch-output-").FullName;
string[] lines = File.ReadAllLines(Path.Combine(root, "samples", "data", "diabetes-sample.csv"));
for (int part = 0; part < 3; part++)
{
    File.WriteAllLines(Path.Combine(input, $"patients-{part}.csv"), lines.Skip(1).Where((_, i) => i % 3 == part).Prepend(lines[0]));
}

string endpointName = $"batch-{Guid.NewGuid().ToString("N")[..8]}";
try
{
    await client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpointName) { Description = "AzureMlflow.Deploy batch sample" });
    Step($"Created batch endpoint '{endpointName}'");

    // Batch deployments run on a compute cluster: use the one named, or create a small one that scales to zero.
    string cluster = Environment.GetEnvironmentVariable("AZUREML_COMPUTE") ?? "cpu-cluster";
    if (!await client.Computes.ListAsync("AmlCompute").AnyAsync(c => c.Name.Equals(cluster, StringComparison.OrdinalIgnoreCase)))
    {
        await client.Computes.BeginCreateOrUpdateAsync(WaitUntil.Completed, new AmlCompute(cluster) { Size = "Standard_DS3_v2", MinInstances = 0, MaxInstances = 2 });
        Step($"Created compute cluster '{cluster}'");
    }

    var deployment = new BatchDeployment("diabetes", endpointName)
    {
        Model = new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = Path.Combine(root, "samples", "models", "diabetes-linear") },
        Compute = cluster,
        InstanceCount = 1,
        MiniBatchSize = 2,
        MaxConcurrencyPerInstance = 2,
    };
    await client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment);
    await client.BatchEndpoints.BeginUpdateDefaultDeploymentAsync(WaitUntil.Completed, endpointName, "diabetes");
    Step("Created the no-code MLflow deployment 'diabetes' and made it the default");

    BatchJob job = await client.BatchEndpoints.InvokeAsync(endpointName, BatchJobInput.FromFolder(input));
    Step($"Started job {job.Name} on {job.DeploymentName}");
    BatchJob last = job;
    await foreach (JobEvent e in client.Jobs.StreamAsync(job.Name))
    {
        Step(e.IsStatusChange ? $"  status: {e.Status}" : $"  log: {e.LogLine}");
        last = e.Job;
    }
    if (last.Status != JobStatus.Completed)
    {
        throw new InvalidOperationException($"The job ended {last.Status}: {last.ErrorMessage}");
    }

    foreach (string file in (await client.Jobs.DownloadOutputsAsync(job.Name, output)).Value)
    {
        Step($"Predictions in {Path.GetFileName(file)} (row, prediction, file):");
        foreach (string line in File.ReadLines(file))
        {
            string[] fields = line.Split(',');
            Console.WriteLine($"    {fields[2]} row {fields[0]}: {double.Parse(fields[1], CultureInfo.InvariantCulture):F1}");
        }
    }
}
finally
{
    await client.BatchEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);
    Directory.Delete(input, recursive: true);
    Directory.Delete(output, recursive: true);
    Step($"Deleted batch endpoint '{endpointName}'. Done.");
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
    throw new DirectoryNotFoundException("Run the sample from the repository (samples/models/diabetes-linear was not found).");
}
