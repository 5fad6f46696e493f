using Azure;
using AzureMlflow.Deploy.Core;

namespace AzureMlflow.Deploy;

/// <summary>
/// A long-running create or update whose result is an entity. Wait with <see cref="Operation{T}.WaitForCompletionAsync(CancellationToken)"/>
/// (polls every <see cref="MLClientOptions.PollingInterval"/> unless the service's <c>Retry-After</c> asks for longer), or save
/// <see cref="Id"/> and rebuild the operation in another process with the derived type's constructor.
/// On failure, waiting throws <see cref="RequestFailedException"/> with the service's error code and message.
/// </summary>
/// <typeparam name="T">The entity the operation creates or updates.</typeparam>
public abstract class MLOperation<T> : Operation<T> where T : notnull
{
    private readonly Lro.LroCore? _core;
    private readonly Func<Response, T>? _map;
    private T? _value;
    private bool _hasValue;

    /// <summary>For mocking.</summary>
    protected MLOperation()
    {
    }

    private protected MLOperation(Lro.LroCore core, Func<Response, T> map)
    {
        _core = core;
        _map = map;
        MapIfCompleted();
    }

    private protected Lro.LroCore Core => _core ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>An opaque id; pass it to the derived type's constructor to resume waiting later, even in another process.</summary>
    public override string Id => Core.Id;

    /// <inheritdoc/>
    public override T Value => _hasValue
        ? _value!
        : throw new InvalidOperationException("The operation has not completed yet; wait for it with WaitForCompletionAsync.");

    /// <inheritdoc/>
    public override bool HasValue => _hasValue;

    /// <inheritdoc/>
    public override bool HasCompleted => Core.HasCompleted;

    /// <inheritdoc/>
    public override Response GetRawResponse() => Core.RawResponse;

    /// <inheritdoc/>
    public override Response UpdateStatus(CancellationToken cancellationToken = default) =>
        UpdateStatusCoreAsync(false, cancellationToken).EnsureCompleted();

    /// <inheritdoc/>
    public override ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        UpdateStatusCoreAsync(true, cancellationToken);

    /// <summary>Waits, polling at <see cref="MLClientOptions.PollingInterval"/> (or the service's longer <c>Retry-After</c>).</summary>
    /// <param name="cancellationToken">Stops waiting; the operation goes on in the service and can be resumed from <see cref="Id"/>.</param>
    public override ValueTask<Response<T>> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync(Core.PollingInterval, cancellationToken);

    /// <summary>Waits, polling every <paramref name="pollingInterval"/> (or the service's longer <c>Retry-After</c>); sub-second intervals are honoured.</summary>
    /// <param name="pollingInterval">The time between status requests.</param>
    /// <param name="cancellationToken">Stops waiting (the operation itself goes on and can be rehydrated from <see cref="Id"/>).</param>
    public override async ValueTask<Response<T>> WaitForCompletionAsync(TimeSpan pollingInterval, CancellationToken cancellationToken)
    {
        Response response = await Lro.OperationWaiter.WaitAsync(this, pollingInterval, async: true, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(Value, response);
    }

    /// <summary>Waits, polling every <paramref name="pollingInterval"/> (or the service's longer <c>Retry-After</c>); sub-second intervals are honoured.</summary>
    /// <param name="pollingInterval">The time between status requests.</param>
    /// <param name="cancellationToken">Stops waiting (the operation itself goes on and can be rehydrated from <see cref="Id"/>).</param>
    public override Response<T> WaitForCompletion(TimeSpan pollingInterval, CancellationToken cancellationToken)
    {
        Response response = Lro.OperationWaiter.WaitAsync(this, pollingInterval, async: false, cancellationToken).EnsureCompleted();
        return Response.FromValue(Value, response);
    }

    /// <summary>Waits, polling at <see cref="MLClientOptions.PollingInterval"/> (or the service's longer <c>Retry-After</c>).</summary>
    /// <param name="cancellationToken">Stops waiting; the operation goes on in the service and can be resumed from <see cref="Id"/>.</param>
    public override Response<T> WaitForCompletion(CancellationToken cancellationToken = default) =>
        WaitForCompletion(Core.PollingInterval, cancellationToken);

    /// <summary>Waits, polling at <see cref="MLClientOptions.PollingInterval"/> (or the service's longer <c>Retry-After</c>).</summary>
    /// <param name="cancellationToken">Stops waiting (the operation itself goes on and can be rehydrated from <see cref="Id"/>).</param>
    public override ValueTask<Response> WaitForCompletionResponseAsync(CancellationToken cancellationToken = default) =>
        Lro.OperationWaiter.WaitAsync(this, Core.PollingInterval, async: true, cancellationToken);

    /// <summary>Waits, polling at <see cref="MLClientOptions.PollingInterval"/> (or the service's longer <c>Retry-After</c>).</summary>
    /// <param name="cancellationToken">Stops waiting (the operation itself goes on and can be rehydrated from <see cref="Id"/>).</param>
    public override Response WaitForCompletionResponse(CancellationToken cancellationToken = default) =>
        Lro.OperationWaiter.WaitAsync(this, Core.PollingInterval, async: false, cancellationToken).EnsureCompleted();

    /// <summary>Waits, polling every <paramref name="pollingInterval"/> (or the service's longer <c>Retry-After</c>).</summary>
    /// <param name="pollingInterval">The time between status requests.</param>
    /// <param name="cancellationToken">Stops waiting (the operation itself goes on and can be rehydrated from <see cref="Id"/>).</param>
    public override ValueTask<Response> WaitForCompletionResponseAsync(TimeSpan pollingInterval, CancellationToken cancellationToken = default) =>
        Lro.OperationWaiter.WaitAsync(this, pollingInterval, async: true, cancellationToken);

    /// <summary>Waits, polling every <paramref name="pollingInterval"/> (or the service's longer <c>Retry-After</c>).</summary>
    /// <param name="pollingInterval">The time between status requests.</param>
    /// <param name="cancellationToken">Stops waiting (the operation itself goes on and can be rehydrated from <see cref="Id"/>).</param>
    public override Response WaitForCompletionResponse(TimeSpan pollingInterval, CancellationToken cancellationToken = default) =>
        Lro.OperationWaiter.WaitAsync(this, pollingInterval, async: false, cancellationToken).EnsureCompleted();

    private async ValueTask<Response> UpdateStatusCoreAsync(bool async, CancellationToken cancellationToken)
    {
        Response response = await Core.UpdateStatusAsync(async, cancellationToken).ConfigureAwait(false);
        MapIfCompleted();
        return response;
    }

    private void MapIfCompleted()
    {
        if (!_hasValue && _core?.FinalResource is { } final)
        {
            _value = _map!(final);
            _hasValue = true;
        }
    }
}
