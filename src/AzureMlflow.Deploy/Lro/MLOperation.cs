using Azure;
using AzureMlflow.Deploy.Core;

namespace AzureMlflow.Deploy;

/// <summary>
/// A long-running operation without a result, such as a delete or a key regeneration. Rebuild it in another process with
/// <see cref="MLOperation(string, MLClient)"/> and its <see cref="Id"/>.
/// </summary>
public class MLOperation : Operation
{
    private readonly Lro.LroCore? _core;

    /// <summary>For mocking.</summary>
    protected MLOperation()
    {
    }

    /// <summary>Resumes an operation from its <see cref="Id"/>.</summary>
    /// <param name="id">The id of an operation started by this library.</param>
    /// <param name="client">A client of the same workspace.</param>
    public MLOperation(string id, MLClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _core = Lro.LroCore.Rehydrate(client.Rest, id);
    }

    internal MLOperation(Lro.LroCore core) => _core = core;

    private Lro.LroCore Core => _core ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>An opaque id; pass it to <see cref="MLOperation(string, MLClient)"/> to resume waiting later.</summary>
    public override string Id => Core.Id;

    /// <inheritdoc/>
    public override bool HasCompleted => Core.HasCompleted;

    /// <inheritdoc/>
    public override Response GetRawResponse() => Core.RawResponse;

    /// <inheritdoc/>
    public override Response UpdateStatus(CancellationToken cancellationToken = default) =>
        Core.UpdateStatusAsync(false, cancellationToken).EnsureCompleted();

    /// <inheritdoc/>
    public override ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        Core.UpdateStatusAsync(true, cancellationToken);

    /// <summary>Waits, polling at <see cref="MLClientOptions.PollingInterval"/> (or the service's longer <c>Retry-After</c>).</summary>
    /// <param name="cancellationToken">Stops waiting; the operation goes on in the service.</param>
    public override ValueTask<Response> WaitForCompletionResponseAsync(CancellationToken cancellationToken = default) =>
        WaitForCompletionResponseAsync(Core.PollingInterval, cancellationToken);

    /// <summary>Waits, polling at <see cref="MLClientOptions.PollingInterval"/> (or the service's longer <c>Retry-After</c>).</summary>
    /// <param name="cancellationToken">Stops waiting; the operation goes on in the service.</param>
    public override Response WaitForCompletionResponse(CancellationToken cancellationToken = default) =>
        WaitForCompletionResponse(Core.PollingInterval, cancellationToken);

    /// <summary>Waits, polling every <paramref name="pollingInterval"/> (or the service's longer <c>Retry-After</c>); sub-second intervals are honoured.</summary>
    /// <param name="pollingInterval">The time between status requests.</param>
    /// <param name="cancellationToken">Stops waiting; the operation goes on in the service.</param>
    public override ValueTask<Response> WaitForCompletionResponseAsync(TimeSpan pollingInterval, CancellationToken cancellationToken = default) =>
        Lro.OperationWaiter.WaitAsync(this, pollingInterval, async: true, cancellationToken);

    /// <summary>Waits, polling every <paramref name="pollingInterval"/> (or the service's longer <c>Retry-After</c>); sub-second intervals are honoured.</summary>
    /// <param name="pollingInterval">The time between status requests.</param>
    /// <param name="cancellationToken">Stops waiting; the operation goes on in the service.</param>
    public override Response WaitForCompletionResponse(TimeSpan pollingInterval, CancellationToken cancellationToken = default) =>
        Lro.OperationWaiter.WaitAsync(this, pollingInterval, async: false, cancellationToken).EnsureCompleted();
}
