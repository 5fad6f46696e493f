namespace AzureMlflow.Deploy.Emulator.Faults;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.StatusCode"/> and an ARM error body instead of handling the request.</summary>
    Status,

    /// <summary>Abort the connection without any response, before the request is handled.</summary>
    DropConnection,

    /// <summary>Handle the request (its effects happen), then abort the connection instead of answering: the client cannot know it succeeded.</summary>
    DropAfterHandling,

    /// <summary>Wait <see cref="FaultRule.Delay"/>, then handle the request normally.</summary>
    Delay,

    /// <summary>
    /// Handle the request, but answer without <c>Azure-AsyncOperation</c>, as ARM services that only send <c>Location</c>
    /// do: a client must follow <c>Location</c> (or, for a PUT, the resource's <c>provisioningState</c>).
    /// </summary>
    OmitAsyncOperationHeader,

    /// <summary>
    /// Handle the request, but answer without <c>Azure-AsyncOperation</c> and <c>Location</c>: a client must poll the
    /// resource itself (its <c>provisioningState</c>, or a 404 after a delete).
    /// </summary>
    OmitOperationHeaders,
}
