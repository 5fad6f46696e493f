using System.Diagnostics.Tracing;

namespace AzureMlflow.Deploy.Diagnostics;

/// <summary>
/// The library's own events (<c>AzureMlflow-Deploy</c>: named for this package, as the <c>Azure-</c> prefix belongs to Microsoft's own libraries), visible to
/// <c>AzureEventSourceListener</c> like Azure.Core's. No event carries keys, tokens or SAS.
/// </summary>
[EventSource(Name = "AzureMlflow-Deploy")]
internal sealed class MlEventSource : EventSource
{
    public static readonly MlEventSource Log = new();

    private MlEventSource()
        : base(EventSourceSettings.Default, "AzureEventSource", "true")
    {
    }

    /// <summary>A local batch input folder has files in subfolders, which the service does not score.</summary>
    [Event(1, Level = EventLevel.Warning, Message = "Batch input folder '{0}' has {1} file(s) in subfolders; batch scoring reads only the files directly in the input folder. Pass flatten: true to BatchJobInput.FromFolder to include them.")]
    public void NestedInputFolders(string folder, int nestedFiles) => WriteEvent(1, folder, nestedFiles);

    /// <summary>A known cause of serving failures found in an MLflow model's environment before a no-code deployment.</summary>
    [Event(2, Level = EventLevel.Warning, Message = "Deployment '{0}': {1} {2}: {3} (source: {4})")]
    public void PreflightFinding(string deployment, string severity, string ruleId, string message, string source) => WriteEvent(2, deployment, severity, ruleId, message, source);

    /// <summary>A managed deployment's <c>MaxQueueWait</c> was set; the service deprecated it for managed deployments, so it is not sent.</summary>
    [Event(3, Level = EventLevel.Warning, Message = "Deployment '{0}': RequestSettings.MaxQueueWait is deprecated for managed online deployments and is not sent; raise RequestTimeout to allow for queueing instead.")]
    public void MaxQueueWaitNotSent(string deployment) => WriteEvent(3, deployment);
}
