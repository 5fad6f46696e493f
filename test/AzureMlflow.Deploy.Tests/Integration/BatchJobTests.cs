using System.Globalization;
using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Emulator.Faults;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Batch jobs that really run: the emulator scores CSV files with the sample ONNX model, file by file.</summary>
public sealed class BatchJobTests : EmulatorTestBase
{
    private const string Header = "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6";
    private string _endpoint = null!;
    private string _folder = null!;
    private List<double[]> _rows = null!;

    [OneTimeSetUp]
    public async Task DeployAndWriteInputs()
    {
        _endpoint = UniqueName("heart");
        await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(_endpoint));
        var model = new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder };
        await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new BatchDeployment("tolerant", _endpoint) { Model = model, Compute = await CreateClusterAsync(), InstanceCount = 2, MiniBatchSize = 2, MaxConcurrencyPerInstance = 2 });
        await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new BatchDeployment("strict", _endpoint) { Model = model, Compute = await CreateClusterAsync(), MiniBatchSize = 1, ErrorThreshold = 1 });
        await Client.BatchEndpoints.BeginUpdateDefaultDeploymentAsync(WaitUntil.Completed, _endpoint, "tolerant");

        _rows = SampleModel.SampleRows();
        _folder = Directory.CreateTempSubdirectory("aml-batch-input-").FullName;
        Write("part-a.csv", _rows.Take(3));
        Write("part-b.csv", _rows.Skip(3).Take(4));
        Write("part-c.csv", _rows.Skip(7));
        File.WriteAllText(Path.Combine(_folder, "ragged.csv"), Header + "\n1,2,3\n");
        File.WriteAllText(Path.Combine(_folder, "words.csv"), Header + "\nold,0,0,0,0,0,0,0,0,0\n");
        Directory.CreateDirectory(Path.Combine(_folder, "nested"));
        Write(Path.Combine("nested", "ignored.csv"), _rows.Take(1));
    }

    [OneTimeTearDown]
    public void DeleteInputs() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task ALocalFolderIsUploadedScoredFileByFileAndThePredictionsDownloaded()
    {
        BatchJob job = await Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder(_folder));
        Assert.That(job.DeploymentName, Is.EqualTo("tolerant"), "the endpoint's default deployment");
        Assert.That(job.Inputs["input_data"], Does.Contain("/paths/LocalUpload/"));

        var events = new List<JobEvent>();
        await foreach (JobEvent e in Client.Jobs.StreamAsync(job.Name))
        {
            events.Add(e);
        }
        Assert.That(events.Where(e => e.IsStatusChange).Select(e => e.Status.ToString()).Last(), Is.EqualTo("Completed"));
        Assert.That(events.Where(e => !e.IsStatusChange).Select(e => e.LogLine), Has.Some.Contains("ragged.csv failed").And.Some.Contains("not explored"));

        // Read from the ARM job resource as the service shapes it: names from its properties and tags, times that hold still.
        BatchJob done = await Client.Jobs.GetAsync(job.Name);
        BatchJob again = await Client.Jobs.GetAsync(job.Name);
        Assert.That((done.EndpointName, done.DeploymentName), Is.EqualTo((_endpoint, "tolerant")));
        Assert.That(done.Inputs["input_data"], Is.EqualTo(job.Inputs["input_data"]));
        Assert.That(done.Outputs["score"], Does.StartWith("azureml://datastores/workspaceblobstore/paths/azureml/" + job.Name));
        Assert.That(done.CreatedOn, Is.EqualTo(job.CreatedOn).And.EqualTo(again.CreatedOn), "a job's creation time does not change from one read to the next");
        Assert.That(done.StartedOn, Is.Not.Null.And.GreaterThanOrEqualTo(done.CreatedOn!.Value.AddSeconds(-1)), "run history's start, to the second");
        Assert.That(done.EndedOn, Is.Not.Null.And.GreaterThanOrEqualTo(done.StartedOn!.Value));

        string target = Directory.CreateTempSubdirectory("aml-batch-out-").FullName;
        try
        {
            string predictions = (await Client.Jobs.DownloadOutputsAsync(job.Name, target)).Value.Single();
            Assert.That(Path.GetFileName(predictions), Is.EqualTo("predictions.csv"));
            string[] lines = await File.ReadAllLinesAsync(predictions);
            Assert.That(lines, Has.Length.EqualTo(_rows.Count), "one line per valid row; bad files and the nested folder add none");
            var expected = new List<(string File, double Prediction)>();
            expected.AddRange(_rows.Take(3).Select(r => ("part-a.csv", SampleModel.Predict(r))));
            expected.AddRange(_rows.Skip(3).Take(4).Select(r => ("part-b.csv", SampleModel.Predict(r))));
            expected.AddRange(_rows.Skip(7).Select(r => ("part-c.csv", SampleModel.Predict(r))));
            for (int i = 0; i < lines.Length; i++)
            {
                string[] fields = lines[i].Split(',');
                Assert.That(fields[2], Is.EqualTo(expected[i].File));
                Assert.That(double.Parse(fields[1], CultureInfo.InvariantCulture), Is.EqualTo(expected[i].Prediction).Within(1e-3));
            }
        }
        finally
        {
            Directory.Delete(target, true);
        }
        Assert.That(await Client.BatchEndpoints.ListJobsAsync(_endpoint).Select(j => j.Name).ToListAsync(), Does.Contain(job.Name));
    }

    [Test]
    public async Task AStreamThatEndsAtTheFinalStatusHasSeenTheWholeLog()
    {
        // The stream stops at the first final status it reads; the log must already hold every line by then. Parallel
        // mini-batches upload the log concurrently, which is when a late or early final status would show.
        BatchJob first = await Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder(_folder));
        BatchJobInput uploaded = BatchJobInput.FromFolder(first.Inputs["input_data"]);
        List<string>[] logs = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            BatchJob job = i == 0 ? first : await Client.BatchEndpoints.InvokeAsync(_endpoint, uploaded);
            var lines = new List<string>();
            await foreach (JobEvent e in Client.Jobs.StreamAsync(job.Name))
            {
                if (!e.IsStatusChange)
                {
                    lines.Add(e.LogLine!);
                }
            }
            return lines;
        }));
        foreach (List<string> lines in logs)
        {
            Assert.That(lines, Has.Exactly(5).Matches<string>(l => l.Contains(".csv: ") || l.Contains(".csv failed")));
            Assert.That(lines[^1], Does.Contain("Status: Completed."));
        }
    }

    [Test]
    public async Task ImagesAreScoredAsUint8TensorsShapedByTheSignature()
    {
        string assets = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(SampleModel.Folder)!)!, "..", "test", "AzureMlflow.Deploy.Tests", "Assets");
        string endpoint = UniqueName("images");
        await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpoint));
        await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchDeployment("mean", endpoint)
        {
            Model = new Model { Name = "image-mean", Type = ModelType.MlflowModel, Path = Path.Combine(assets, "models", "image-mean") },
            Compute = await CreateClusterAsync(),
        });

        BatchJob job = await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFolder(Path.Combine(assets, "images")), "mean");
        BatchJob done = await WaitAsync(job.Name);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.ErrorMessage);
        string target = Directory.CreateTempSubdirectory("aml-batch-images-").FullName;
        try
        {
            string[] lines = await File.ReadAllLinesAsync((await Client.Jobs.DownloadOutputsAsync(job.Name, target)).Value.Single());
            Assert.That(lines, Is.EqualTo(new[] { "0,100,flat.jpg", "0,94.5,gradient.png", "0,63,shade.tiff" }), "the colour image (8x8x3) cannot be shaped to [-1, 8, 8] and is reported as failed");
        }
        finally
        {
            Directory.Delete(target, true);
        }
        var log = new List<string>();
        await foreach (JobEvent e in Client.Jobs.StreamAsync(job.Name))
        {
            log.Add(e.LogLine ?? "");
        }
        Assert.That(log, Has.Some.Contains("colour.png failed: cannot reshape array of size 192 into shape (-1, 8, 8)"));
    }

    [Test]
    public async Task TheErrorThresholdFailsAJobWithTooManyBadFiles()
    {
        BatchJob job = await Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder(_folder), deploymentName: "strict");
        BatchJob done = await WaitAsync(job.Name);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
        Assert.That(done.ErrorMessage, Does.Contain("2 file(s) failed, more than the error threshold of 1").And.Contain("could not convert string to float: 'old'"));
        Assert.That(await Client.BatchEndpoints.ListJobsAsync(_endpoint, "strict").Select(j => j.Name).ToListAsync(), Does.Contain(job.Name));
    }

    [Test]
    public async Task PastTheErrorThresholdTheJobStopsWithoutRunningTheRest()
    {
        string bad = Directory.CreateTempSubdirectory("aml-batch-bad-").FullName;
        try
        {
            for (int i = 0; i < 6; i++)
            {
                File.WriteAllText(Path.Combine(bad, $"bad-{i}.csv"), Header + "\nold,0,0,0,0,0,0,0,0,0\n");
            }
            string endpoint = await DeployLinearAsync("strict", "one-by-one", d => d.ErrorThreshold = 1);

            BatchJob done = await WaitAsync((await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFolder(bad), "one-by-one")).Value.Name);

            Assert.That(done.Status, Is.EqualTo(JobStatus.Failed));
            Assert.That(done.ErrorMessage, Does.StartWith("2 file(s) failed, more than the error threshold of 1"));
            List<string> log = await LogAsync(done.Name);
            Assert.That(log.Count(l => l.Contains(" failed: could not convert", StringComparison.Ordinal)), Is.EqualTo(2), "the other four files were never run");
            Assert.That(log, Has.Some.Contains("more than the error threshold of 1: stopping."));
        }
        finally
        {
            Directory.Delete(bad, true);
        }
    }

    [Test]
    public async Task ALostMiniBatchIsRetriedWholeUpToTheDeploymentsMaxRetries()
    {
        string endpoint = await DeployLinearAsync("retry", "retrying", d =>
        {
            d.MiniBatchSize = 10;
            d.RetrySettings = new BatchRetrySettings { MaxRetries = 2, Timeout = TimeSpan.FromSeconds(30) };
        });
        Emulator.Faults.FailNextMiniBatches(2);

        BatchJob done = await WaitAsync((await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFile(Path.Combine(_folder, "part-a.csv")), "retrying")).Value.Name);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed), done.ErrorMessage);
        List<string> log = await LogAsync(done.Name);
        Assert.That(log.Count(l => l.Contains("Mini-batch 1 attempt", StringComparison.Ordinal) && l.Contains("retrying")), Is.EqualTo(2));
        Assert.That(log, Has.Some.Contains("part-a.csv: 3 row(s) scored."));

        Emulator.Faults.FailNextMiniBatches(3);
        BatchJob lost = await WaitAsync((await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFile(Path.Combine(_folder, "part-a.csv")), "retrying")).Value.Name);

        Assert.That(lost.Status, Is.EqualTo(JobStatus.Completed), "the default error threshold (-1) tolerates failed files");
        Assert.That(await LogAsync(lost.Name), Has.Some.Contains("Mini-batch 1 failed after 3 attempt(s)"));
    }

    [Test]
    public async Task SummaryOnlyJobsWriteNoPredictionsFile()
    {
        string endpoint = await DeployLinearAsync("summary", "summary", d => d.OutputAction = BatchOutputAction.SummaryOnly);

        BatchJob done = await WaitAsync((await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFile(Path.Combine(_folder, "part-a.csv")), "summary")).Value.Name);

        Assert.That(done.Status, Is.EqualTo(JobStatus.Completed));
        string target = Directory.CreateTempSubdirectory("aml-batch-summary-").FullName;
        try
        {
            Assert.That((await Client.Jobs.DownloadOutputsAsync(done.Name, target)).Value, Is.Empty);
        }
        finally
        {
            Directory.Delete(target, true);
        }
        Assert.That(await LogAsync(done.Name), Has.Some.Contains("Job completed: 3 row(s) from 1 file(s) scored"));
    }

    [Test]
    public async Task DataAssetInputsAreReadByVersionOrLatest()
    {
        var blobs = new DatastoreBlobs(Emulator);
        string asset = UniqueName("patients");
        foreach (string part in new[] { "part-a.csv", "part-b.csv" })
        {
            await blobs.Container.UploadBlobAsync($"datasets/{asset}/v2/{part}", BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(_folder, part))));
        }
        await blobs.Container.UploadBlobAsync($"datasets/{asset}/v1/part-c.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(_folder, "part-c.csv"))));
        await RegisterDataAsync(asset, "1", $"azureml://datastores/workspaceblobstore/paths/datasets/{asset}/v1/");
        await RegisterDataAsync(asset, "2", $"azureml://datastores/workspaceblobstore/paths/datasets/{asset}/v2/");

        BatchJob latest = await WaitAsync((await Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder($"azureml:{asset}@latest"))).Value.Name);
        BatchJob first = await WaitAsync((await Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder($"azureml:{asset}:1"))).Value.Name);

        Assert.That(latest.Inputs["input_data"], Does.EndWith($"/data/{asset}/versions/2"));
        Assert.That((latest.Status, first.Status), Is.EqualTo((JobStatus.Completed, JobStatus.Completed)), latest.ErrorMessage + first.ErrorMessage);
        Assert.That(await LogAsync(latest.Name), Has.Some.Contains("Job completed: 7 row(s) from 2 file(s) scored"));
        Assert.That(await LogAsync(first.Name), Has.Some.Contains($"Job completed: {_rows.Count - 7} row(s) from 1 file(s) scored"));
        Assert.That(Assert.ThrowsAsync<RequestFailedException>(() => Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder("azureml:no-such-data@latest")))!.Status,
            Is.EqualTo(404));
    }

    private async Task RegisterDataAsync(string name, string version, string uri)
    {
        // Data assets are registered with the Python SDK or the CLI; here, with the REST call they make.
        using var http = new HttpClient(Emulator.CreateHttpMessageHandler()) { BaseAddress = Emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "test");
        using HttpResponseMessage created = await http.PutAsync($"{Emulator.WorkspaceResourceId}/data/{name}/versions/{version}?api-version=2024-04-01",
            new StringContent(new System.Text.Json.Nodes.JsonObject
            {
                ["properties"] = new System.Text.Json.Nodes.JsonObject { ["dataType"] = "uri_folder", ["dataUri"] = uri },
            }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task ARetriedInvokeAfterALostAnswerCreatesOneJob()
    {
        Emulator.Faults.Add(new FaultRule { Method = "POST", PathContains = $"/batchEndpoints/{_endpoint}/jobs", Kind = FaultKind.DropAfterHandling });

        BatchJob job = await Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFile(Path.Combine(_folder, "part-a.csv")));

        var invokes = Emulator.Requests.Snapshot().Where(r => r.Method == "POST" && r.Path.EndsWith("/jobs", StringComparison.Ordinal)).ToList();
        Assert.That(invokes.Select(r => r.StatusCode).ToArray(), Is.EqualTo(new[] { 0, 200 }));
        Assert.That(invokes[0].Headers["repeatability_request-id"], Is.EqualTo(invokes[1].Headers["repeatability_request-id"]));
        Assert.That(await Client.BatchEndpoints.ListJobsAsync(_endpoint).CountAsync(j => j.Inputs["input_data"] == job.Inputs["input_data"]), Is.EqualTo(1));
        Assert.That((await WaitAsync(job.Name)).Status, Is.EqualTo(JobStatus.Completed));
    }

    [Test]
    public async Task AJobCanBeCanceledWhileQueued()
    {
        string endpoint = await DeployLinearAsync("cancel", "only", _ => { });
        using OperationHold hold = Emulator.HoldOperations(endpoint); // its jobs stay queued until released
        BatchJob job = await Client.BatchEndpoints.InvokeAsync(endpoint, BatchJobInput.FromFolder(_folder), "only");

        await Client.Jobs.BeginCancelAsync(WaitUntil.Completed, job.Name);

        BatchJob canceled = (await Client.Jobs.GetAsync(job.Name)).Value;
        Assert.That(canceled.Status, Is.AnyOf(JobStatus.Canceled, JobStatus.CancelRequested));
        canceled = await Eventually.UntilAsync(async () => (await Client.Jobs.GetAsync(job.Name)).Value, j => j.Status.IsTerminal, "the job ends");
        Assert.That(canceled.Status, Is.EqualTo(JobStatus.Canceled));
        Assert.That(await LogAsync(job.Name), Has.None.Contains("Status: Running").And.Some.Contains("Job canceled."), "it never started");
    }

    [Test]
    public async Task FlatteningBringsNestedFilesToTheTopLevel()
    {
        BatchJob job = await Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder(_folder, flatten: true));
        BatchJob done = await WaitAsync(job.Name);

        string target = Directory.CreateTempSubdirectory("aml-batch-flat-").FullName;
        try
        {
            string[] lines = await File.ReadAllLinesAsync((await Client.Jobs.DownloadOutputsAsync(done.Name, target)).Value.Single());
            Assert.That(lines, Has.Length.EqualTo(_rows.Count + 1));
            Assert.That(lines, Has.Some.EndsWith(",nested_ignored.csv"));
        }
        finally
        {
            Directory.Delete(target, true);
        }
    }

    [Test]
    public async Task ANestedInputFolderIsReportedAsAWarningBeforeTheJobRuns()
    {
        var warnings = new List<string>();
        using (new Azure.Core.Diagnostics.AzureEventSourceListener((e, message) =>
        {
            if (e.EventSource.Name == "AzureMlflow-Deploy")
            {
                lock (warnings)
                {
                    warnings.Add($"{e.Level}: {message}");
                }
            }
        }, System.Diagnostics.Tracing.EventLevel.Warning))
        {
            await Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder(_folder));
        }

        Assert.That(warnings, Is.EqualTo(new[]
        {
            $"Warning: Batch input folder '{_folder}' has 1 file(s) in subfolders; batch scoring reads only the files directly in the input folder. Pass flatten: true to BatchJobInput.FromFolder to include them.",
        }));
    }

    [Test]
    public void FlatteningRefusesNamesThatWouldClash()
    {
        string clashing = Directory.CreateTempSubdirectory("aml-batch-clash-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(clashing, "a"));
            File.WriteAllText(Path.Combine(clashing, "a", "b.csv"), Header + "\n");
            File.WriteAllText(Path.Combine(clashing, "a_b.csv"), Header + "\n");
            Emulator.Requests.Clear();

            Assert.That(() => Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder(clashing, flatten: true)),
                Throws.ArgumentException.With.Message.Contains("would give 'a/b.csv' and 'a_b.csv' the same name 'a_b.csv'"));
            Assert.That(Emulator.Requests.Snapshot(), Is.Empty);
        }
        finally
        {
            Directory.Delete(clashing, true);
        }
    }

    [Test]
    public void MissingLocalInputsFailBeforeAnyRequest()
    {
        Emulator.Requests.Clear();
        Assert.That(() => Client.BatchEndpoints.InvokeAsync(_endpoint, BatchJobInput.FromFolder("/no/such/folder")), Throws.ArgumentException.With.Message.Contains("not an existing folder"));
        Assert.That(Emulator.Requests.Snapshot(), Is.Empty);
    }

    private async Task<BatchJob> WaitAsync(string name)
    {
        BatchJob job = (await Client.Jobs.GetAsync(name)).Value;
        for (int i = 0; i < 500 && !job.Status.IsTerminal; i++)
        {
            await Task.Delay(20);
            job = (await Client.Jobs.GetAsync(name)).Value;
        }
        return job;
    }

    /// <summary>A batch endpoint whose one deployment runs the sample model file by file, one mini-batch at a time, changed by <paramref name="configure"/>.</summary>
    private async Task<string> DeployLinearAsync(string prefix, string deploymentName, Action<BatchDeployment> configure)
    {
        string endpoint = UniqueName(prefix);
        await Client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpoint));
        var deployment = new BatchDeployment(deploymentName, endpoint)
        {
            Model = new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder },
            Compute = await CreateClusterAsync(), InstanceCount = 1, MiniBatchSize = 1, MaxConcurrencyPerInstance = 1,
        };
        configure(deployment);
        await Client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment);
        return endpoint;
    }

    private async Task<List<string>> LogAsync(string job)
    {
        var log = new List<string>();
        await foreach (JobEvent e in Client.Jobs.StreamAsync(job))
        {
            if (e.LogLine is not null)
            {
                log.Add(e.LogLine);
            }
        }
        return log;
    }

    private void Write(string relative, IEnumerable<double[]> rows) =>
        File.WriteAllLines(Path.Combine(_folder, relative), rows.Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Prepend(Header));
}
