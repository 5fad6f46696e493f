using Azure.Core;

namespace AzureMlflow.Deploy.Scoring;

/// <summary>
/// One call to a scoring URI: method, body, the deployment to pin, extra headers (such as a repeatability id), and for
/// list pages the service's <c>nextLink</c> (already checked to be on the scoring URI's host) instead of the URI itself.
/// </summary>
internal sealed record ScoringRequest(RequestMethod Method, RequestContent? Content, string? DeploymentName, IReadOnlyDictionary<string, string>? Headers, Uri? NextLink = null);
