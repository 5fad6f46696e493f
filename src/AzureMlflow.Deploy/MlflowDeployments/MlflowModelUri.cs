namespace AzureMlflow.Deploy.MlflowDeployments;

/// <summary>MLflow model URIs as the azureml-mlflow plugin accepts them.</summary>
internal static class MlflowModelUri
{
    /// <summary>
    /// <c>models:/name/version</c> and <c>models:/name/latest</c> or <c>models:/name@latest</c> become a registered model
    /// reference; <c>runs:/run/path</c> (and other URIs) become a model to register under <paramref name="deploymentName"/>.
    /// </summary>
    public static ModelReference Resolve(string modelUri, string deploymentName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelUri);
        if (modelUri.StartsWith("models:/", StringComparison.OrdinalIgnoreCase))
        {
            string rest = modelUri["models:/".Length..].Trim('/');
            int at = rest.IndexOf('@');
            if (at > 0)
            {
                return ModelReference.FromReference($"azureml:{rest[..at]}@{rest[(at + 1)..]}");
            }
            string[] parts = rest.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ArgumentException($"'{modelUri}' is not a model URI of the form models:/<name>/<version>, models:/<name>/latest or models:/<name>@latest.", nameof(modelUri));
            }
            return ModelReference.FromReference(parts[1].Equals("latest", StringComparison.OrdinalIgnoreCase) ? $"azureml:{parts[0]}@latest" : $"azureml:{parts[0]}:{parts[1]}");
        }
        // Unregistered models (runs:/..., datastore URIs, local folders) are registered under the deployment's name, as the plugin does.
        return new Model { Name = deploymentName, Type = ModelType.MlflowModel, Path = modelUri };
    }
}
