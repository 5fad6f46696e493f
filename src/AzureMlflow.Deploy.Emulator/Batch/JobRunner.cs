using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Batch;

/// <summary>The batch deployment's settings a job runs with, read under the state lock when the job is created.</summary>
internal sealed record BatchSettings(string ModelId, string ModelName, string ModelUri, int MiniBatchSize, int Parallelism, int ErrorThreshold,
    int MaxRetries, TimeSpan Timeout, bool AppendRow, string? OutputFileName)
{
    public static BatchSettings Of(WorkspaceState state, DeploymentRecord deployment)
    {
        JsonObject p = deployment.Properties;
        string modelId = p["model"]!["assetId"]!.GetValue<string>();
        AssetVersionRecord model = ModelRoutes.FindById(state, modelId)!;
        int instances = p["resources"]?["instanceCount"]?.GetValue<int>() ?? 1;
        return new BatchSettings(
            modelId,
            modelId.Split('/')[^3],
            model.Properties["modelUri"]!.GetValue<string>(),
            p["miniBatchSize"]!.GetValue<int>(),
            p["maxConcurrencyPerInstance"]!.GetValue<int>() * instances,
            p["errorThreshold"]!.GetValue<int>(),
            p["retrySettings"]?["maxRetries"]?.GetValue<int>() ?? 3,
            XmlConvert.ToTimeSpan(p["retrySettings"]?["timeout"]?.GetValue<string>() ?? "PT30S"),
            !string.Equals(p["outputAction"]?.GetValue<string>(), "SummaryOnly", StringComparison.OrdinalIgnoreCase),
            p["outputFileName"]?.GetValue<string>());
    }
}

/// <summary>
/// Runs a batch job for real, as the service's MLflow batch driver does: lists the input folder's files (not nested
/// folders), splits them into mini-batches, scores up to <c>maxConcurrencyPerInstance x instances</c> mini-batches at
/// once with the deployed ONNX model (CSV files as DataFrames per the signature), retries failed mini-batches, counts
/// failed files against the error threshold, and appends one line per row to the output file.
/// </summary>
internal sealed class JobRunner(WorkspaceState state, BlobStore store, DeployedModels models)
{
    public const string LogsContainerDatastore = "workspaceartifactstore";

    /// <summary>A pipeline run's execution log in the artifact store, where run history lists it (<c>logs/azureml/executionlogs.txt</c>).</summary>
    public static string LogBlobName(string job) => $"ExperimentRun/dcid.{job}/{JobResources.LogFile}";

    public async Task RunAsync(JobRecord job, BatchSettings settings)
    {
        CancellationToken cancel = job.Cancellation.Token;
        string final = "Failed";
        try
        {
            await Task.Delay(state.Options.ProvisioningDuration, cancel).ConfigureAwait(false);
            await state.WaitWhileHeldAsync([job.Name, job.DeploymentName, job.EndpointName], cancel).ConfigureAwait(false);
            Transition(job, "Running", $"Job {job.Name} started on deployment '{job.DeploymentName}' of batch endpoint '{job.EndpointName}'.");
            job.StartedAt = state.Now;
            await WriteLogAsync(job).ConfigureAwait(false);

            List<(BlobContainerClient Container, string Blob)> files = await ListInputAsync(job).ConfigureAwait(false);
            string pythonKey = Python.PythonDeployments.BatchKey(job.EndpointName, job.DeploymentName);
            // A scoring script or a model of another flavor than ONNX runs in the deployment's Python workers.
            LoadedModel? model = models.Python.IsScripted(pythonKey) ? null : await models.GetAsync(settings.ModelId, settings.ModelName, settings.ModelUri).ConfigureAwait(false);
            Scorer scorer = model switch
            {
                null => new Scorer(null, pythonKey, Scripted: true),
                { Onnx: not null } => new Scorer(model, null, Scripted: false),
                _ when models.Python.Has(pythonKey) => new Scorer(model, pythonKey, Scripted: false),
                _ => throw new InvalidOperationException(
                    $"The emulator has no model server for '{settings.ModelName}' (flavors [{string.Join(", ", model.Mlmodel.Flavors)}]): ONNX runs in process, other flavors need a local Python."),
            };
            foreach (string line in models.Python.StartupLog(pythonKey))
            {
                job.Log(state.Now, line);
            }
            var batches = files.Chunk(settings.MiniBatchSize).Select((chunk, i) => (Index: i, Files: chunk)).ToList();
            job.Log(state.Now, $"{files.Count} file(s) in {batches.Count} mini-batch(es) of up to {settings.MiniBatchSize}; {settings.Parallelism} at a time.");
            await WriteLogAsync(job).ConfigureAwait(false);

            var outputs = new ConcurrentDictionary<string, string[]>();
            var failures = new ConcurrentDictionary<string, string>();
            // Past the error threshold the job stops: mini-batches not yet started are not run.
            using var overThreshold = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            try
            {
                await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = overThreshold.Token }, async (batch, token) =>
                {
                    await RunMiniBatchAsync(job, settings, scorer, batch.Index, batch.Files, outputs, failures, token).ConfigureAwait(false);
                    foreach (string line in scorer.PythonKey is null ? [] : models.Python.Drain(scorer.PythonKey))
                    {
                        job.Log(state.Now, line);
                    }
                    if (settings.ErrorThreshold >= 0 && failures.Count > settings.ErrorThreshold && !overThreshold.IsCancellationRequested)
                    {
                        job.Log(state.Now, $"{failures.Count} file(s) failed, more than the error threshold of {settings.ErrorThreshold}: stopping.");
                        await overThreshold.CancelAsync().ConfigureAwait(false);
                    }
                    await WriteLogAsync(job).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (overThreshold.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
            }

            if (settings.ErrorThreshold >= 0 && failures.Count > settings.ErrorThreshold)
            {
                throw new JobFailedException("UserError",
                    $"{failures.Count} file(s) failed, more than the error threshold of {settings.ErrorThreshold}: {string.Join("; ", failures.OrderBy(f => f.Key).Select(f => $"{f.Key}: {f.Value}"))}");
            }
            if (settings.AppendRow)
            {
                await WriteOutputAsync(job, settings, outputs).ConfigureAwait(false);
            }
            final = Finish(job, "Completed",
                $"Job completed: {outputs.Values.Sum(o => o.Length)} row(s) from {outputs.Count} file(s) scored; {failures.Count} file(s) failed.");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            final = Finish(job, "Canceled", "Job canceled.");
        }
        catch (Exception ex)
        {
            string code = ex is JobFailedException failed ? failed.Code : "SystemError";
            job.Error = (code, ex.Message);
            final = Finish(job, "Failed", $"Job failed: {ex.Message}");
        }
        finally
        {
            job.EndedAt = state.Now;
            // The final status shows only once the whole log is written, so a client that stops following the log
            // at the final status has seen every line.
            await WriteLogAsync(job).ConfigureAwait(false);
            job.Status = final;
        }
    }

    /// <summary>
    /// Scores one mini-batch. A transient failure (storage, a lost node, the mini-batch timeout) retries the whole
    /// mini-batch up to the deployment's <c>retrySettings.maxRetries</c>; a file with bad data fails the same way every
    /// time, so it is counted against the error threshold without a retry. Files of a mini-batch that never succeeds fail.
    /// </summary>
    private async Task RunMiniBatchAsync(JobRecord job, BatchSettings settings, Scorer scorer, int index, (BlobContainerClient Container, string Blob)[] files,
        ConcurrentDictionary<string, string[]> outputs, ConcurrentDictionary<string, string> failures, CancellationToken token)
    {
        for (int attempt = 0; ; attempt++)
        {
            var scored = new Dictionary<string, string[]>();
            var bad = new Dictionary<string, string>();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(settings.Timeout);
                if (state.TakeMiniBatchFailure())
                {
                    throw new IOException("The node running the mini-batch was lost (injected fault).");
                }
                if (scorer.Scripted)
                {
                    await RunScriptAsync(scorer.PythonKey!, index, files, scored, bad, timeout.Token).ConfigureAwait(false);
                }
                else
                {
                    foreach ((BlobContainerClient container, string blob) in files)
                    {
                        string fileName = blob[(blob.LastIndexOf('/') + 1)..];
                        BinaryData content = (await container.GetBlobClient(blob).DownloadContentAsync(timeout.Token).ConfigureAwait(false)).Value.Content;
                        try
                        {
                            scored[fileName] = ImageTensor.IsImage(fileName) ? ScoreImage(scorer.Model!, content.ToArray(), fileName) : await ScoreFileAsync(scorer, content.ToString(), fileName, timeout.Token).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is FormatException or ScoringError or KeyNotFoundException)
                        {
                            bad[fileName] = ex.Message;
                        }
                    }
                }
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                if (attempt < settings.MaxRetries)
                {
                    job.Log(state.Now, $"Mini-batch {index + 1} attempt {attempt + 1} failed ({ex.Message}); retrying.");
                    continue;
                }
                foreach ((_, string blob) in files)
                {
                    failures[blob[(blob.LastIndexOf('/') + 1)..]] = $"mini-batch {index + 1} failed after {attempt + 1} attempt(s): {ex.Message}";
                }
                job.Log(state.Now, $"Mini-batch {index + 1} failed after {attempt + 1} attempt(s): {ex.Message}");
                return;
            }
            foreach ((string fileName, string[] lines) in scored)
            {
                outputs[fileName] = lines;
                job.Log(state.Now, $"Mini-batch {index + 1}: {fileName}: {lines.Length} row(s) scored.");
            }
            foreach ((string fileName, string message) in bad)
            {
                failures[fileName] = message;
                job.Log(state.Now, $"Mini-batch {index + 1}: {fileName} failed: {message}");
            }
            return;
        }
    }

    /// <summary>What scores a job's files: the ONNX model in process, or the deployment's Python workers (a model, or a scoring script).</summary>
    private sealed record Scorer(LoadedModel? Model, string? PythonKey, bool Scripted);

    /// <summary>
    /// A scoring script's <c>run(mini_batch)</c> with the mini-batch's files downloaded locally, as the batch driver calls
    /// it; each element it returns (a list item or a DataFrame row) is one output line. A run() that fails fails the mini-batch's files.
    /// </summary>
    private async Task RunScriptAsync(string key, int index, (BlobContainerClient Container, string Blob)[] files, Dictionary<string, string[]> scored, Dictionary<string, string> bad, CancellationToken token)
    {
        string folder = Directory.CreateTempSubdirectory($"aml-minibatch-{index + 1}-").FullName;
        try
        {
            var paths = new List<string>();
            foreach ((BlobContainerClient container, string blob) in files)
            {
                string path = Path.Combine(folder, blob[(blob.LastIndexOf('/') + 1)..]);
                await container.GetBlobClient(blob).DownloadToAsync(path, token).ConfigureAwait(false);
                paths.Add(path);
            }
            string batch = string.Join(", ", paths.Select(Path.GetFileName));
            try
            {
                JsonNode result = await models.Python.RunMiniBatchAsync(key, paths, token).ConfigureAwait(false);
                scored[batch] = result is JsonArray rows ? [.. rows.Select(ScriptLine)] : [ScriptLine(result)];
            }
            catch (ScoringError ex) when (ex.StatusCode == 500)
            {
                foreach (string path in paths)
                {
                    bad[Path.GetFileName(path)] = "run() failed; see the job log";
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A value a scoring script returned, as one output line: text as it is, a record's values comma-separated.</summary>
    private static string ScriptLine(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonObject record => string.Join(",", record.Select(p => ScriptLine(p.Value))),
        JsonValue text when text.TryGetValue(out string? s) => s,
        _ => Format(value),
    };

    /// <summary>One output line per row: the row's position in its file, the prediction, and the file name (read with names=["row", "prediction", "file"]).</summary>
    private async Task<string[]> ScoreFileAsync(Scorer scorer, string text, string fileName, CancellationToken token)
    {
        LoadedModel model = scorer.Model!;
        CsvTable table = CsvTable.Parse(text);
        IReadOnlyList<ColumnSpec> columns = model.Mlmodel.InputColumns ?? table.Header.Select(h => new ColumnSpec(h, "double", true)).ToList();
        int[] positions = columns.Select(c => Array.IndexOf(table.Header.ToArray(), c.Name)).ToArray();
        int missing = Array.IndexOf(positions, -1);
        if (missing >= 0)
        {
            throw new FormatException($"Model is missing inputs ['{columns[missing].Name}'].");
        }
        var rows = table.Rows.Select(r => positions.Select((p, c) => CsvTable.Number(r[p], columns[c].Name!)).ToArray()).ToList();
        var input = new JsonObject
        {
            ["input_data"] = new JsonObject
            {
                ["columns"] = new JsonArray(columns.Select(c => (JsonNode?)c.Name).ToArray()),
                ["data"] = new JsonArray(rows.Select(r => (JsonNode?)new JsonArray(r.Select(v => (JsonNode?)(double.IsNaN(v) ? null : v)).ToArray())).ToArray()),
            },
        };
        JsonNode result = model.Onnx is { } onnx
            ? onnx.Score(ScoringInput.Parse(input, model.Mlmodel))
            : await models.Python.PredictAsync(scorer.PythonKey!, input, token).ConfigureAwait(false);
        // ONNX answers a record per row; MLflow's server a list of predictions (or records for DataFrame outputs).
        return result.AsArray().Select((record, i) =>
            $"{i},{Format(record is JsonObject fields ? fields.First().Value! : record!)},{fileName}").ToArray();
    }

    /// <summary>An image as one uint8 tensor (per the signature's shape); one output line for the file.</summary>
    private static string[] ScoreImage(LoadedModel model, byte[] bytes, string fileName)
    {
        NumericTensor tensor = ImageTensor.Decode(bytes, fileName, model.Mlmodel.InputTensors?.FirstOrDefault());
        var input = new ScoringInput(tensor);
        JsonObject outputs = model.Onnx!.Score(input).AsObject();
        return [$"0,{Format(outputs.First().Value!)},{fileName}"];
    }

    /// <summary>A prediction as the batch driver writes it: a number, or a numpy-style list for several values.</summary>
    private static string Format(JsonNode value) => value switch
    {
        JsonArray array when array.Count == 1 => Format(array[0]!),
        JsonArray array => "[" + string.Join(' ', array.Select(item => Format(item!))) + "]",
        _ => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
    };

    private async Task<List<(BlobContainerClient, string)>> ListInputAsync(JobRecord job)
    {
        var found = new List<(BlobContainerClient, string)>();
        foreach ((string _, JsonNode? node) in job.Inputs)
        {
            string type = node?["jobInputType"]?.GetValue<string>() ?? "UriFolder";
            string uri = node?["uri"]?.GetValue<string>() ?? throw new JobFailedException("UserError", "An input has no 'uri'.");
            (BlobContainerClient container, string path) = Resolve(uri);
            if (type.Equals("UriFile", StringComparison.OrdinalIgnoreCase))
            {
                found.Add((container, path));
                continue;
            }
            string prefix = path.Length == 0 ? "" : path.TrimEnd('/') + "/";
            int before = found.Count;
            await foreach (BlobHierarchyItem item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, CancellationToken.None).ConfigureAwait(false))
            {
                if (item.IsPrefix)
                {
                    job.Log(state.Now, $"Warning: the folder '{item.Prefix}' inside the input is not explored; batch scoring reads only the files directly in the input folder.");
                }
                else
                {
                    found.Add((container, item.Blob.Name));
                }
            }
            if (found.Count == before)
            {
                throw new JobFailedException("UserError", $"The input folder '{uri}' has no files.");
            }
        }
        return [.. found.OrderBy(f => f.Item2, StringComparer.Ordinal)];
    }

    private (BlobContainerClient, string) Resolve(string uri)
    {
        if (uri.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) && uri.Contains("/data/", StringComparison.OrdinalIgnoreCase))
        {
            // A data asset input: its version's dataUri says where the files are.
            try
            {
                uri = state.Run(() => DataRoutes.DataUri(state, uri));
            }
            catch (ServiceException ex)
            {
                throw new JobFailedException("UserError", ex.Error.Message);
            }
        }
        int ds = uri.IndexOf("/datastores/", StringComparison.OrdinalIgnoreCase);
        int paths = ds < 0 ? -1 : uri.IndexOf("/paths/", ds, StringComparison.OrdinalIgnoreCase);
        if (!uri.StartsWith("azureml://", StringComparison.OrdinalIgnoreCase) || paths < 0)
        {
            throw new JobFailedException("UserError", $"The emulator reads batch inputs from datastores (azureml://datastores/<name>/paths/<path>) and data assets over them, not '{uri}'.");
        }
        string datastore = uri[(ds + "/datastores/".Length)..paths];
        string container = DatastoreRoutes.Containers(state).FirstOrDefault(d => d.Name.Equals(datastore, StringComparison.OrdinalIgnoreCase)).Container
            ?? throw new JobFailedException("UserError", $"Datastore '{datastore}' does not exist.");
        return (store.Service.GetBlobContainerClient(container), uri[(paths + "/paths/".Length)..]);
    }

    private async Task WriteOutputAsync(JobRecord job, BatchSettings settings, ConcurrentDictionary<string, string[]> outputs)
    {
        var text = new StringBuilder();
        foreach ((string _, string[] lines) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            foreach (string line in lines)
            {
                text.Append(line).Append('\n');
            }
        }
        (BlobContainerClient container, string path) = Resolve(job.OutputUri);
        await container.GetBlobClient(path.TrimEnd('/') + "/" + (settings.OutputFileName ?? "predictions.csv"))
            .UploadAsync(BinaryData.FromString(text.ToString()), overwrite: true).ConfigureAwait(false);
    }

    /// <summary>Uploads the log so far; one upload at a time per job, so a late older snapshot never overwrites a newer one.</summary>
    private async Task WriteLogAsync(JobRecord job)
    {
        BlobContainerClient logs = store.Service.GetBlobContainerClient(DatastoreRoutes.Containers(state).First(d => d.Name == LogsContainerDatastore).Container);
        await job.LogWrites.WaitAsync().ConfigureAwait(false);
        try
        {
            await logs.GetBlobClient(LogBlobName(job.Name)).UploadAsync(BinaryData.FromString(job.LogText()), overwrite: true).ConfigureAwait(false);
            job.LogUploaded = true;
        }
        finally
        {
            job.LogWrites.Release();
        }
    }

    private void Transition(JobRecord job, string status, string message) => job.Status = Finish(job, status, message);

    /// <summary>Logs a status line and returns the status; a final one is published only after the last log upload.</summary>
    private string Finish(JobRecord job, string status, string message)
    {
        job.Log(state.Now, $"Status: {status}. {message}");
        return status;
    }
}

/// <summary>A job failure with the service's error code.</summary>
internal sealed class JobFailedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
