using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.MlflowDeployments;

/// <summary>Parses an Azure ML MLflow tracking URI into the workspace it names.</summary>
internal static partial class MlflowTrackingUri
{
    [GeneratedRegex("^azureml://(?<region>[^/.]+)\\.api\\.azureml\\.ms/mlflow/v[0-9.]+/subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.MachineLearningServices/workspaces/(?<ws>[^/?]+)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static (string Subscription, string ResourceGroup, string Workspace) Parse(string trackingUri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingUri);
        Match match = Pattern().Match(trackingUri.Trim());
        return match.Success
            ? (match.Groups["sub"].Value, match.Groups["rg"].Value, match.Groups["ws"].Value)
            : throw new ArgumentException(
                $"'{trackingUri}' is not an Azure ML MLflow tracking URI (azureml://<region>.api.azureml.ms/mlflow/v1.0/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>); " +
                "copy it from the workspace's overview page or Workspace.MlflowTrackingUri.", nameof(trackingUri));
    }
}
