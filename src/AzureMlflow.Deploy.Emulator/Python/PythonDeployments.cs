using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Python;

/// <summary>What starting a deployment's Python workers gave: null failure when the model loaded, and the log lines so far.</summary>
internal sealed record PythonStart(ServiceError? Failure, IReadOnlyList<string> Log);

/// <summary>
/// The Python workers of the deployments whose MLflow models are not ONNX: one per deployment instance, started and
/// loaded when the deployment is created (a model that cannot load fails the deployment, as a crashing container does
/// on the service), scoring requests in turn, stopped when the deployment is replaced or deleted.
/// </summary>
internal sealed class PythonDeployments(EmulatorOptions options) : IDisposable
{
    /// <summary>More processes than this per deployment only load a small machine; requests queue on them instead.</summary>
    private const int MaxWorkers = 4;

    private readonly PythonLocator _locator = new(options);
    private readonly ConcurrentDictionary<string, Pool> _pools = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<string> _script = new(WriteScript);

    public static string Key(string endpointName, string deploymentName) => $"{endpointName}/{deploymentName}";

    /// <summary>Batch endpoints have their own names, which may equal an online endpoint's.</summary>
    public static string BatchKey(string endpointName, string deploymentName) => $"batch:{endpointName}/{deploymentName}";

    /// <summary>Starts the deployment's workers, each loading an MLflow model of another flavor than ONNX.</summary>
    public Task<PythonStart> StartModelAsync(string key, string modelDirectory, string flavor, int instances, CancellationToken cancellationToken) =>
        StartAsync(key, $"the {flavor} flavor", new JsonObject
        {
            ["op"] = "load", ["model_dir"] = modelDirectory, ["mlmodel"] = MlmodelJson.Read(Path.Combine(modelDirectory, "MLmodel")),
        }, scripted: false, instances, cancellationToken);

    /// <summary>Starts the deployment's workers, each running a scoring script's <c>init()</c> with <c>AZUREML_MODEL_DIR</c> set.</summary>
    public Task<PythonStart> StartScriptAsync(string key, string codeDirectory, string scoringScript, string modelDirectory, int instances, CancellationToken cancellationToken) =>
        StartAsync(key, "scoring scripts", new JsonObject
        {
            ["op"] = "load_script", ["code_dir"] = codeDirectory, ["scoring_script"] = scoringScript, ["model_dir"] = modelDirectory,
        }, scripted: true, instances, cancellationToken);

    /// <summary>Starts the deployment's workers and loads the model or script in each; replaces the workers of an earlier version of the deployment.</summary>
    private async Task<PythonStart> StartAsync(string key, string what, JsonObject load, bool scripted, int instances, CancellationToken cancellationToken)
    {
        Stop(key);
        string? python = await _locator.FindAsync().ConfigureAwait(false);
        if (python is null)
        {
            return new PythonStart(new ServiceError("UserError",
                $"The emulator runs {what} with a local Python, and none was found. {PythonLocator.Hint}"), []);
        }
        var log = new ConcurrentQueue<string>();
        var pool = new Pool(log, scripted);
        for (int i = 0; i < Math.Clamp(instances, 1, MaxWorkers); i++)
        {
            PythonWorker worker;
            try
            {
                worker = PythonWorker.Start(python, _script.Value, log);
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
            {
                pool.Dispose();
                return new PythonStart(new ServiceError("UserError", $"The Python interpreter '{python}' could not be started: {ex.Message} {PythonLocator.Hint}"), [.. log]);
            }
            pool.Workers.Add(worker);
            JsonObject answer = await worker.SendAsync((JsonObject)load.DeepClone(), cancellationToken).ConfigureAwait(false);
            if (answer["ok"]?.GetValue<bool>() != true)
            {
                pool.Dispose();
                // As the service reports a container that exits while loading the model; the cause is in the logs.
                string cause = answer["message"]?.ToString() ?? "the model could not be loaded";
                cause = cause.Length > 300 ? cause[..300] + "..." : cause; // the whole of it is in the logs
                return new PythonStart(new ServiceError("ResourceNotReady",
                    $"User container has crashed or terminated: {cause}. Please see troubleshooting guide, available here: https://aka.ms/oe-tsg#error-resourcenotready"), [.. log]);
            }
        }
        _pools[key] = pool;
        pool.StartupLog = Drain(pool);
        return new PythonStart(null, pool.StartupLog);
    }

    public bool Has(string key) => _pools.ContainsKey(key);

    /// <summary>Whether the deployment runs a scoring script (rather than an MLflow model).</summary>
    public bool IsScripted(string key) => _pools.TryGetValue(key, out Pool? pool) && pool.Scripted;

    /// <summary>Scores a parsed request with the deployment's MLflow model on the next worker; the answer is the predictions made JSON as MLflow's server makes them.</summary>
    public Task<JsonNode> PredictAsync(string key, JsonObject request, CancellationToken cancellationToken) =>
        SendAsync(key, new JsonObject { ["op"] = "predict", ["request"] = request }, cancellationToken);

    /// <summary>
    /// A scoring script's <c>run(raw_data)</c> with the request body as the inference server passes it: the text as it
    /// came, JSON or not. The answer is what run() returned, made JSON as the server makes it.
    /// </summary>
    public Task<JsonNode> RunScriptAsync(string key, string rawData, CancellationToken cancellationToken) =>
        SendAsync(key, new JsonObject { ["op"] = "run", ["input"] = rawData }, cancellationToken);

    /// <summary>A batch scoring script's <c>run(mini_batch)</c> with the mini-batch's local file paths.</summary>
    public Task<JsonNode> RunMiniBatchAsync(string key, IEnumerable<string> files, CancellationToken cancellationToken) =>
        SendAsync(key, new JsonObject { ["op"] = "run", ["input"] = new JsonArray([.. files.Select(f => (JsonNode?)f)]) }, cancellationToken);

    private async Task<JsonNode> SendAsync(string key, JsonObject request, CancellationToken cancellationToken)
    {
        Pool pool = _pools.TryGetValue(key, out Pool? found)
            ? found
            : throw new ScoringError(424, $"Deployment '{key}' has no running model server.");
        PythonWorker worker = pool.Workers[(int)((uint)Interlocked.Increment(ref pool.Next) % (uint)pool.Workers.Count)];
        JsonObject answer = await worker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer["ok"]?.GetValue<bool>() == true)
        {
            return answer["result"]?.DeepClone() ?? JsonValue.Create((string?)null)!;
        }
        string message = answer["message"]?.ToString() ?? "The model failed.";
        throw (answer["status"]?.GetValue<int>() ?? 500) switch
        {
            400 => ScoringError.BadInput(message),
            0 => new ScoringError(502, $"The model server of deployment '{key}' stopped: {message}"),
            // The inference server's answer to an exception in run() (the model's error is in the logs).
            _ => new ScoringError(500, "An unexpected error occurred in scoring script. Check the logs for more info."),
        };
    }

    /// <summary>What the workers printed while loading (a scoring script's init()); batch jobs show it, as each job's nodes run init().</summary>
    public IReadOnlyList<string> StartupLog(string key) => _pools.TryGetValue(key, out Pool? pool) ? pool.StartupLog : [];

    /// <summary>The log lines the deployment's workers wrote since the last call.</summary>
    public IReadOnlyList<string> Drain(string key) => _pools.TryGetValue(key, out Pool? pool) ? Drain(pool) : [];

    public void Stop(string key)
    {
        if (_pools.TryRemove(key, out Pool? pool))
        {
            pool.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (string key in _pools.Keys)
        {
            Stop(key);
        }
        if (_script.IsValueCreated)
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(_script.Value)!, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static List<string> Drain(Pool pool)
    {
        var lines = new List<string>();
        while (pool.Log.TryDequeue(out string? line))
        {
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>The worker script ships inside the emulator assembly and is written out once per emulator.</summary>
    private static string WriteScript()
    {
        string folder = Directory.CreateTempSubdirectory("aml-emulator-python-").FullName;
        string path = Path.Combine(folder, "mlflow_worker.py");
        using Stream source = typeof(PythonDeployments).Assembly.GetManifestResourceStream("AzureMlflow.Deploy.Emulator.Python.mlflow_worker.py")
            ?? throw new InvalidOperationException("The Python worker script is missing from the emulator assembly.");
        using FileStream target = File.Create(path);
        source.CopyTo(target);
        return path;
    }

    private sealed class Pool(ConcurrentQueue<string> log, bool scripted) : IDisposable
    {
        public List<PythonWorker> Workers { get; } = [];
        public ConcurrentQueue<string> Log { get; } = log;
        public bool Scripted { get; } = scripted;
        public IReadOnlyList<string> StartupLog { get; set; } = [];
        public int Next;

        public void Dispose()
        {
            foreach (PythonWorker worker in Workers)
            {
                worker.Dispose();
            }
        }
    }
}
