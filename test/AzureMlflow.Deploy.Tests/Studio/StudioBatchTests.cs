using Azure;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Tests.Infrastructure;
using PuppeteerSharp;

namespace AzureMlflow.Deploy.Tests.Studio;

/// <summary>The Batch tab: a job's status and progress while it runs, its log, and its outputs downloaded from the page.</summary>
public sealed class StudioBatchTests : StudioTestBase
{
    [Test]
    public async Task AJobsProgressLogAndOutputsShow()
    {
        string endpoint = UniqueName("studio-batch");
        string deployment = UniqueName("scorer");
        await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpoint));
        var model = new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder };
        await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new BatchDeployment(deployment, endpoint) { Model = model, Compute = await CreateClusterAsync(), MiniBatchSize = 1 });
        await Client.BatchEndpoints.BeginUpdateDefaultDeploymentAsync(WaitUntil.Completed, endpoint, deployment);
        // Listed after the job's endpoint: the page is still reading it when the job's row is built, and the row must
        // still be followed once the whole tab is on the page.
        await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(UniqueName("studio-other")));
        string input = Directory.CreateTempSubdirectory("aml-studio-batch-").FullName;
        string downloads = Directory.CreateTempSubdirectory("aml-studio-downloads-").FullName;
        try
        {
            List<double[]> rows = SampleModel.SampleRows();
            const string Header = "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n";
            await File.WriteAllTextAsync(Path.Combine(input, "a.csv"), Header + string.Join("\n", rows.Take(2).Select(r => string.Join(",", r))) + "\n");
            await File.WriteAllTextAsync(Path.Combine(input, "b.csv"), Header + string.Join("\n", rows.Skip(2).Take(3).Select(r => string.Join(",", r))) + "\n");

            // Held before it scores, the job shows as not finished; released, the page follows it to the end.
            using OperationHold hold = Emulator.HoldOperations(deployment);
            BatchJob job = (await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFolder(input))).Value;
            await using IPage page = await OpenAsync("batch");
            Assert.That(await TextAsync(page, $"#batch-endpoint-{endpoint}"), Does.Contain(deployment).And.Contain("AADToken"));
            Assert.That(await TextAsync(page, $"#batch-deployments-{endpoint}"), Does.Contain("diabetes-linear:").And.Contain("predictions.csv"));
            Assert.That(await TextAsync(page, $"#job-status-{job.Name}"), Is.Not.EqualTo("Completed"));
            await BrowserForTests.ScreenshotAsync(page, "batch-running");

            // The row follows the job by itself; the log is read when asked for.
            hold.Release();
            await WaitUntilAsync(page, $"document.getElementById('job-status-{job.Name}').dataset.status === 'Completed'");
            Assert.That(await TextAsync(page, $"#job-progress-{job.Name}"), Is.EqualTo("2 of 2 file(s)"));
            await page.ClickAsync($"#job-logs-{job.Name}");
            await WaitUntilAsync(page, $"document.getElementById('job-log-{job.Name}')?.textContent.includes('Status: Completed')");
            string log = await TextAsync(page, $"#job-log-{job.Name}");
            Assert.That(log, Does.Contain("a.csv: 2 row(s) scored.").And.Contain("b.csv: 3 row(s) scored.").And.Contain("Status: Completed"));

            await page.ClickAsync($"#job-outputs-{job.Name}");
            await page.WaitForSelectorAsync($"#job-output-files-{job.Name}");
            Assert.That(await TextAsync(page, $"#job-output-files-{job.Name}"), Does.Contain("predictions.csv"));
            await BrowserForTests.ScreenshotAsync(page, "batch-outputs");

            // The download is the file the SDK downloads.
            await page.Client.SendAsync("Browser.setDownloadBehavior", new { behavior = "allow", downloadPath = downloads });
            await page.ClickAsync($"#download-{job.Name}-predictions\\.csv");
            string downloaded = Path.Combine(downloads, "predictions.csv");
            await Eventually.UntilAsync(() => File.Exists(downloaded), "the browser saved the download");
            string sdk = (await Client.Jobs.DownloadOutputsAsync(job.Name, Path.Combine(downloads, "sdk"))).Value.Single();
            Assert.That(await File.ReadAllTextAsync(downloaded), Is.EqualTo(await File.ReadAllTextAsync(sdk)));
            Assert.That(File.ReadAllLines(downloaded), Has.Length.EqualTo(5));
        }
        finally
        {
            Directory.Delete(input, recursive: true);
            Directory.Delete(downloads, recursive: true);
        }
    }
}
