using System.Globalization;
using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>The batch workflow written synchronously, against an emulator that pages its lists two items at a time.</summary>
public sealed class BatchSyncTests : EmulatorTestBase
{
    protected override void Configure(EmulatorOptions options) => options.PageSize = 2;

    [Test]
    public void TheSyncMethodsRunJobsFollowThemListEveryPageAndDownload()
    {
        string endpoint = UniqueName("syncbatch");
        string cluster = UniqueName("cpu");
        Assert.That(Client.Computes.BeginCreateOrUpdate(WaitUntil.Completed, new AmlCompute(cluster) { MaxInstances = 1 }).Value.ProvisioningState,
            Is.EqualTo(ComputeProvisioningState.Succeeded));
        Client.BatchEndpoints.BeginCreateOrUpdate(WaitUntil.Completed, new BatchEndpoint(endpoint));
        Client.BatchDeployments.BeginCreateOrUpdate(WaitUntil.Completed, new BatchDeployment("linear", endpoint)
        {
            Model = new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder },
            Compute = cluster,
            InstanceCount = 1,
        });
        Assert.That(Client.BatchEndpoints.BeginUpdateDefaultDeployment(WaitUntil.Completed, endpoint, "linear").Value.DefaultDeploymentName, Is.EqualTo("linear"));
        string input = Directory.CreateTempSubdirectory("aml-sync-batch-").FullName;
        string output = Directory.CreateTempSubdirectory("aml-sync-out-").FullName;
        try
        {
            File.Copy(SampleModel.SampleCsv, Path.Combine(input, "rows.csv"));
            List<BatchJob> started = Enumerable.Range(0, 3).Select(_ => Client.BatchEndpoints.Invoke(endpoint, BatchJobInput.FromFolder(input)).Value).ToList();

            List<JobEvent> events = Client.Jobs.Stream(started[^1].Name).ToList();
            Assert.That(events.Where(e => e.IsStatusChange).Last().Status, Is.EqualTo(JobStatus.Completed));
            Assert.That(events.Any(e => !e.IsStatusChange), Is.True, "log lines are streamed too");

            Emulator.Requests.Clear();
            Assert.That(Client.BatchEndpoints.ListJobs(endpoint).Select(j => j.Name), Is.EquivalentTo(started.Select(j => j.Name)));
            Assert.That(Emulator.Requests.Snapshot().Count(r => r.Method == "GET" && r.Path.EndsWith("/jobs", StringComparison.Ordinal)), Is.EqualTo(2),
                "three jobs come in two pages; the second through nextLink");
            Assert.That(Client.BatchEndpoints.ListJobs(endpoint, "linear").Count(), Is.EqualTo(3));

            string predictions = Client.Jobs.DownloadOutputs(started[^1].Name, output).Value.Single();
            double[] expected = SampleModel.SampleRows().Select(SampleModel.Predict).ToArray();
            double[] actual = File.ReadAllLines(predictions).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
            Assert.That(actual, Is.EqualTo(expected).Within(1e-3));
        }
        finally
        {
            Directory.Delete(input, recursive: true);
            Directory.Delete(output, recursive: true);
        }
    }
}
