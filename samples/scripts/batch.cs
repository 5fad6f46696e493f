#!/usr/bin/env -S dotnet run
// Batch scoring: a batch endpoint with the sample model, a job over a folder of CSV files, its predictions, then cleanup.
//   dotnet run batch.cs -- [compute-name]
// AZUREML_CONNECTION_STRING names the workspace, as for deploy.cs.
#:package AzureMlflow.Deploy@0.1.0-alpha
#:package Azure.Identity@1.21.0
using System.Runtime.CompilerServices;
using Azure;
using Azure.Identity;
using AzureMlflow.Deploy;

string connection = Environment.GetEnvironmentVariable("AZUREML_CONNECTION_STRING") ?? throw new InvalidOperationException("Set AZUREML_CONNECTION_STRING.");
MLClient ml = MLClient.FromConnectionString(connection, connection.Contains("CertificateHash=", StringComparison.OrdinalIgnoreCase) ? null : new DefaultAzureCredential());
string endpointName = $"batch-script-{Guid.NewGuid().ToString("N")[..6]}";
string input = Directory.CreateTempSubdirectory("batch-script-").FullName;
string output = Directory.CreateTempSubdirectory("batch-script-out-").FullName;
string[] lines = File.ReadAllLines(Path.Combine(SamplesFolder(), "data", "diabetes-sample.csv"));
File.WriteAllLines(Path.Combine(input, "first.csv"), lines.Take(2));
File.WriteAllLines(Path.Combine(input, "rest.csv"), lines.Take(1).Concat(lines.Skip(2)));

try
{
    string cluster = args.Length > 0 ? args[0] : "cpu-cluster";
    if (!ml.Computes.List("AmlCompute").Any(c => c.Name.Equals(cluster, StringComparison.OrdinalIgnoreCase)))
    {
        await ml.Computes.BeginCreateOrUpdateAsync(WaitUntil.Completed, new AmlCompute(cluster) { MinInstances = 0, MaxInstances = 2 });
    }
    await ml.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpointName));
    await ml.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchDeployment("diabetes", endpointName)
    {
        Model = new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = Path.Combine(SamplesFolder(), "models", "diabetes-linear") },
        Compute = cluster,
        InstanceCount = 1,
        MiniBatchSize = 1,
    });
    await ml.BatchEndpoints.BeginUpdateDefaultDeploymentAsync(WaitUntil.Completed, endpointName, "diabetes");

    BatchJob job = await ml.BatchEndpoints.InvokeAsync(endpointName, BatchJobInput.FromFolder(input));
    await foreach (JobEvent e in ml.Jobs.StreamAsync(job.Name))
    {
        if (e.IsStatusChange)
        {
            Console.WriteLine($"{job.Name}: {e.Status}");
        }
        job = e.Job;
    }
    foreach (string file in (await ml.Jobs.DownloadOutputsAsync(job.Name, output)).Value)
    {
        Console.WriteLine($"{Path.GetFileName(file)}: {File.ReadLines(file).Count()} predictions");
    }
}
finally
{
    await ml.BatchEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);
    Directory.Delete(input, recursive: true);
    Directory.Delete(output, recursive: true);
    Console.WriteLine($"Deleted {endpointName}");
}

static string SamplesFolder([CallerFilePath] string script = "") => Path.GetDirectoryName(Path.GetDirectoryName(script))!;
