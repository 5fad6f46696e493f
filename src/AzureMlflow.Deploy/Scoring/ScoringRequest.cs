using Azure.Core;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>One call to a scoring URI: method, body, the deployment to pin, and extra headers (such as a repeatability id).</summary>
internal sealed record ScoringRequest(RequestMethod Method, RequestContent? Content, string? DeploymentName, IReadOnlyDictionary<string, string>? Headers);
