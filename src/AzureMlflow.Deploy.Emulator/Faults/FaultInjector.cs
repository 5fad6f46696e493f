using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Faults;

/// <summary>Test hooks that make the emulator misbehave on purpose: throttling, server errors, dropped connections, slow answers and failed provisioning.</summary>
public sealed class FaultInjector
{
    private readonly List<(FaultRule Rule, int Remaining)> _rules = [];
    private readonly Lock _gate = new();
    private readonly WorkspaceState _state;

    internal FaultInjector(WorkspaceState state) => _state = state;

    /// <summary>Adds a fault for the next <see cref="FaultRule.Count"/> matching requests. Rules apply in the order added.</summary>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.Count, 1, nameof(rule));
        lock (_gate)
        {
            _rules.Add((rule, rule.Count));
        }
    }

    /// <summary>
    /// Makes the next create, update or delete of the endpoint or deployment named <paramref name="resourceName"/> end in
    /// <c>Failed</c> with this error, as a failed provisioning does on the real service.
    /// </summary>
    public void FailNextProvisioning(string resourceName, string code = "ResourceNotReady", string message = "The container failed its readiness probe.")
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        _state.FailNextOperation(resourceName, code, message);
    }

    /// <summary>
    /// From now until <see cref="Clear"/>, datastore <c>listSecrets</c> returns SAS tokens that can only read and list,
    /// as when the caller lacks a write role on the storage account: uploads then get 403 from storage.
    /// </summary>
    public void RestrictStorageToReadOnly() => _state.Run(() => _state.ReadOnlyStorageSecrets = true);

    /// <summary>
    /// Makes the next <paramref name="count"/> batch mini-batch attempts fail with a transient error (as when a node is
    /// lost), so jobs exercise their deployment's retry settings and error threshold.
    /// </summary>
    public void FailNextMiniBatches(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _state.FailNextMiniBatches(count);
    }

    /// <summary>Removes every pending fault and provisioning failure.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
        _state.ClearFailures();
    }

    internal FaultRule? Take(string method, string path, string userAgent)
    {
        lock (_gate)
        {
            for (int i = 0; i < _rules.Count; i++)
            {
                (FaultRule rule, int remaining) = _rules[i];
                if (!rule.Matches(method, path, userAgent))
                {
                    continue;
                }
                if (remaining <= 1)
                {
                    _rules.RemoveAt(i);
                }
                else
                {
                    _rules[i] = (rule, remaining - 1);
                }
                return rule;
            }
        }
        return null;
    }
}
