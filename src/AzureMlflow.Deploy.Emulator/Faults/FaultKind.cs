namespace AzureMlflow.Deploy.Emulator.Faults;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.StatusCode"/> and an ARM error body instead of handling the request.</summary>
    Status,

    /// <summary>Abort the connection without any response.</summary>
    DropConnection,

    /// <summary>Wait <see cref="FaultRule.Delay"/>, then handle the request normally.</summary>
    Delay,
}
