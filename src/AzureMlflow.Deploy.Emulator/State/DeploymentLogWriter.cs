using System.Globalization;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>
/// Writes the container logs a deployment produces on the real service: the storage initializer that downloads the
/// model, and the Azure ML inference server that loads it (no scoring script for MLflow models).
/// </summary>
internal static class DeploymentLogWriter
{
    public static void Started(DeploymentRecord deployment, string endpointName, string modelId, string? modelUri, Scoring.ModelFiles? files, ServiceError? cannotLoad, DateTimeOffset now)
    {
        string modelDir = $"/var/azureml-app/azureml-models/{ModelSegment(modelId)}";
        List<string> log = deployment.StorageInitializerLog;
        Add(log, now, "INFO", $"Storage initializer started for deployment '{deployment.Name}' of endpoint '{endpointName}'.");
        Add(log, now, "INFO", $"Resolving model '{modelId}'.");
        Add(log, now, "INFO", $"Downloading model artifacts from '{modelUri ?? modelId}' to '{modelDir}'.");
        if (files is not null)
        {
            const int Shown = 10;
            string shown = string.Join(", ", files.Names.Take(Shown)) + (files.Names.Count > Shown ? $", and {files.Names.Count - Shown} more" : "");
            Add(log, now, files.Names.Count == 0 ? "ERROR" : "INFO", $"Found {files.Names.Count} file(s){(files.Names.Count == 0 ? "" : ": " + shown)}.");
        }
        if (cannotLoad is not null)
        {
            Add(log, now, "ERROR", $"{cannotLoad.Message}");
        }
    }

    /// <summary>
    /// The logs of a deployment that started: the entry script is the scoring script when the deployment has one
    /// (<paramref name="scoringScript"/>, e.g. <c>onlinescoring/score.py</c>), else the MLflow server's own.
    /// </summary>
    public static void Succeeded(DeploymentRecord deployment, string modelId, bool isMlflow, string? scoringScript, DateTimeOffset now)
    {
        System.Text.Json.Nodes.JsonObject properties = deployment.Properties;
        string modelDir = $"/var/azureml-app/azureml-models/{ModelSegment(modelId)}";
        Add(deployment.StorageInitializerLog, now, "INFO", "Model download complete.");
        List<string> server = deployment.InferenceServerLog;
        server.Add("Azure ML Inferencing HTTP server (emulated by AzureMlflow.Deploy.Emulator)");
        server.Add("Server Settings");
        server.Add("---------------");
        bool noCode = isMlflow && scoringScript is null;
        server.Add("Entry Script Name: " + (scoringScript is not null ? $"/var/azureml-app/{scoringScript}" : noCode ? "/var/mlflow_resources/mlflow_score_script.py" : "(user scoring script)"));
        server.Add($"Model Directory: {modelDir}");
        server.Add("Worker Count: 1");
        server.Add("Server Port: 31311");
        server.Add($"Instance type: {properties["instanceType"]}, instances: {deployment.Resource["sku"]?["capacity"] ?? 1}");
        server.Add($"Request settings: timeout {properties["requestSettings"]?["requestTimeout"]}, max concurrent requests per instance {properties["requestSettings"]?["maxConcurrentRequestsPerInstance"]}");
        Add(server, now, "INFO", "Starting gunicorn; listening at: http://0.0.0.0:31311");
        if (noCode)
        {
            Add(server, now, "INFO", $"Loading MLflow model from '{modelDir}' (no-code deployment).");
        }
        Add(server, now, "INFO", "Users's init has completed successfully");
        Add(server, now, "INFO", $"Liveness probe succeeded (period {properties["livenessProbe"]?["period"]}, timeout {properties["livenessProbe"]?["timeout"]}).");
        Add(server, now, "INFO", $"Readiness probe succeeded (period {properties["readinessProbe"]?["period"]}, failure threshold {properties["readinessProbe"]?["failureThreshold"]}); deployment is ready to serve requests.");
    }

    /// <summary>What the model server printed (the Python workers' output and tracebacks), as the inference server's log shows it.</summary>
    public static void ServerOutput(DeploymentRecord deployment, IReadOnlyList<string> lines, DateTimeOffset now)
    {
        foreach (string line in lines)
        {
            Add(deployment.InferenceServerLog, now, "INFO", line);
        }
    }

    /// <summary>A scoring request the deployment answered with an error, as the inference server logs it (call under the state lock).</summary>
    public static void ScoringFailed(DeploymentRecord deployment, int status, string message, DateTimeOffset now) =>
        Add(deployment.InferenceServerLog, now, "ERROR", $"POST /score {status}: {message}");

    public static void Failed(DeploymentRecord deployment, ServiceError error, DateTimeOffset now)
    {
        Add(deployment.InferenceServerLog, now, "ERROR", $"{error.Code}: {error.Message}");
        Add(deployment.InferenceServerLog, now, "ERROR", "Container exited with code 1; the deployment is marked Failed.");
    }

    public static string Tail(IReadOnlyList<string> lines, int? tail)
    {
        IEnumerable<string> selected = tail is > 0 ? lines.Skip(Math.Max(0, lines.Count - tail.Value)) : lines;
        return string.Join('\n', selected);
    }

    private static void Add(List<string> log, DateTimeOffset now, string level, string text) =>
        log.Add($"{now.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture)} | {level} | {text}");

    private static string ModelSegment(string modelId)
    {
        // ".../models/{name}/versions/{version}" becomes "{name}/{version}", as the mounted folder is named.
        string[] parts = modelId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int models = Array.FindLastIndex(parts, p => p.Equals("models", StringComparison.OrdinalIgnoreCase));
        return models >= 0 && models + 3 < parts.Length ? $"{parts[models + 1]}/{parts[models + 3]}" : "model/1";
    }
}
