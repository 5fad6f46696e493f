namespace AzureMlflow.Deploy.Validation;

/// <summary>Checks on a <see cref="Model"/> before it is registered.</summary>
internal static class ModelRules
{
    private static readonly string[] RemoteSchemes = ["azureml://", "runs:/", "https://", "http://", "wasbs://", "wasb://", "abfss://", "abfs://", "adl://"];

    public static bool IsRemote(string path) =>
        RemoteSchemes.Any(scheme => path.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));

    public static void ValidateForRegistration(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Version is not null && string.IsNullOrWhiteSpace(model.Name))
        {
            throw new ArgumentException("If a model version is given, the model name must be given too.", nameof(model));
        }
        NameRules.ValidateAssetName(model.Name, "model", nameof(model));
        if (model.Version is not null && (model.Version.Length == 0 || model.Version.Any(c => c is '/' or ':' or '@' || char.IsWhiteSpace(c))))
        {
            throw new ArgumentException($"Model version '{model.Version}' is invalid: it must be non-empty, without '/', ':', '@' or spaces.", nameof(model));
        }
        if (string.IsNullOrWhiteSpace(model.Path))
        {
            throw new ArgumentException($"Model '{model.Name}' has no Path; set it to the model's folder or remote URI.", nameof(model));
        }
        if (!IsRemote(model.Path))
        {
            ValidateLocalPath(model);
            return;
        }
        if (model.Type == ModelType.MlflowModel && LooksLikeFile(model.Path))
        {
            throw new ArgumentException(
                $"Error with path '{model.Path}': a model of type mlflow_model is a folder containing an MLmodel file, not a file.", nameof(model));
        }
    }

    private static void ValidateLocalPath(Model model)
    {
        string path = model.Path!;
        if (model.Type == ModelType.MlflowModel && File.Exists(path))
        {
            throw new ArgumentException(
                $"Error with path '{path}': a model of type mlflow_model is a folder containing an MLmodel file, not a file.", nameof(model));
        }
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new ArgumentException($"No such file or directory: '{path}' (model '{model.Name}').", nameof(model));
        }
    }

    /// <summary>Whether the last path segment has a file extension, the rule the Python SDK applies to MLflow paths.</summary>
    private static bool LooksLikeFile(string path)
    {
        string trimmed = path.TrimEnd('/');
        string last = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        return last.Contains('.', StringComparison.Ordinal) && !trimmed.EndsWith("://" + last, StringComparison.Ordinal);
    }
}
