// Batch scoring: a batch endpoint with the sample model, a job over a folder of CSV files, its predictions, then cleanup.
// dotnet script batch.csx -- [compute-name]
#load "connect.csx"
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Azure;
using AzureMlflow.Deploy;

MLClient ml = Connect();
string endpointName = $"batch-script-{Guid.NewGuid().ToString("N")[..6]}";
string input = Directory.CreateTempSubdirectory("batch-script-").FullName;
string[] lines = File.ReadAllLines(Path.Combine(SamplesFolder(), "data", "diabetes-sample.csv"));
File.WriteAllLines(Path.Combine(input, "first.csv"), lines.Take(2));
File.WriteAllLines(Path.Combine(input, "rest.csv"), lines.Take(1).Concat(lines.Skip(2)));

try
{
    string cluster = Args.Count > 0 ? Args[0] : "cpu-cluster";
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
        if (e.IsStatusChange) Console.WriteLine($"{job.Name}: {e.Status}");
        job = e.Job;
    }
    string output = Directory.CreateTempSubdirectory("batch-script-out-").FullName;
    foreach (string file in (await ml.Jobs.DownloadOutputsAsync(job.Name, output)).Value)
    {
        Console.WriteLine($"{Path.GetFileName(file)}: {File.ReadLines(file).Count()} predictions");
    }
}
finally
{
    await ml.BatchEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);
    Directory.Delete(input, recursive: true);
    Console.WriteLine($"Deleted {endpointName}");
}
