using Azure;

namespace AzureMlflow.Deploy;

/// <summary>
/// A scoring call failed: 400 (the model or MLflow refused the input, with its message), 401 (key or token),
/// 404 (endpoint or deployment), 408 (request timeout), 424 (the model failed or no deployment can serve), 429, 5xx.
/// </summary>
public class ScoringException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="message">The service's message, with context.</param>
    /// <param name="errorCode">The service's error code, if any.</param>
    /// <param name="requestId">The request id to quote in support cases.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ScoringException(int status, string message, string? errorCode, string? requestId, Exception? innerException = null)
        : base(status, message, errorCode, innerException)
    {
        RequestId = requestId;
    }

    /// <summary>The request id the service reported.</summary>
    public string? RequestId { get; }
}
