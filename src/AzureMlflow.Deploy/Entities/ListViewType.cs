namespace AzureMlflow.Deploy;

/// <summary>Which assets a list returns. An extensible set: values the service adds later are kept as they are.</summary>
public readonly struct ListViewType : IEquatable<ListViewType>
{
    private readonly string? _value;

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public ListViewType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Only assets that are not archived (the default) (<c>ActiveOnly</c>).</summary>
    public static ListViewType ActiveOnly { get; } = new("ActiveOnly");

    /// <summary>Only archived assets (<c>ArchivedOnly</c>).</summary>
    public static ListViewType ArchivedOnly { get; } = new("ArchivedOnly");

    /// <summary>All assets (<c>All</c>).</summary>
    public static ListViewType All { get; } = new("All");

    /// <summary>Whether two values are the same (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(ListViewType left, ListViewType right) => left.Equals(right);

    /// <summary>Whether two values differ (case-insensitive).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(ListViewType left, ListViewType right) => !left.Equals(right);

    /// <summary>Wraps a value in the service's spelling.</summary>
    /// <param name="value">The service's value.</param>
    public static implicit operator ListViewType(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ListViewType other) => ExtensibleValue.AreEqual(_value, other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ListViewType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ExtensibleValue.HashCode(_value);

    /// <summary>The service's spelling of the value.</summary>
    public override string ToString() => _value ?? string.Empty;
}
