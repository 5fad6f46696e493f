using System.Globalization;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>
/// Writes the container logs a deployment produces on the real service: the storage initializer that downloads the
/// model, and the Azure ML inference server that loads it (no scoring script for MLflow models).
/// </summary>
internal static class DeploymentLogWriter
{
    public static void Started(DeploymentRecord deployment, string endpointName, string modelId, string? modelUri, DateTimeOffset now)
    {
        string modelDir = $"/var/azureml-app/azureml-models/{ModelSegment(modelId)}";
        Add(deployment.StorageInitializerLog, now, "INFO", $"Storage initializer started for deployment '{deployment.Name}' of endpoint '{endpointName}'.");
        Add(deployment.StorageInitializerLog, now, "INFO", $"Resolving model '{modelId}'.");
        Add(deployment.StorageInitializerLog, now, "INFO", $"Downloading model artifacts from '{modelUri ?? modelId}' to '{modelDir}'.");
    }

    public static void Succeeded(DeploymentRecord deployment, string modelId, bool isMlflow, DateTimeOffset now)
    {
        string modelDir = $"/var/azureml-app/azureml-models/{ModelSegment(modelId)}";
        Add(deployment.StorageInitializerLog, now, "INFO", "Model download complete.");
        List<string> server = deployment.InferenceServerLog;
        server.Add("Azure ML Inferencing HTTP server (emulated by AzureMlflow.Deploy.Emulator)");
        server.Add("Server Settings");
        server.Add("---------------");
        server.Add(isMlflow ? "Entry Script Name: /var/mlflow_resources/mlflow_score_script.py" : "Entry Script Name: (user scoring script)");
        server.Add($"Model Directory: {modelDir}");
        server.Add("Worker Count: 1");
        server.Add("Server Port: 31311");
        Add(server, now, "INFO", "Starting gunicorn; listening at: http://0.0.0.0:31311");
        if (isMlflow)
        {
            Add(server, now, "INFO", $"Loading MLflow model from '{modelDir}' (no-code deployment).");
        }
        Add(server, now, "INFO", "Users's init has completed successfully");
        Add(server, now, "INFO", "Readiness probe succeeded; deployment is ready to serve requests.");
    }

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
