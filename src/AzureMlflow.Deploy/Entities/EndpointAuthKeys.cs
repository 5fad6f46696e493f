using System.Diagnostics;

namespace AzureMlflow.Deploy;

/// <summary>The keys of a <see cref="EndpointAuthMode.Key"/> endpoint.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public class EndpointAuthKeys : EndpointCredentials
{
    /// <summary>Creates a key pair.</summary>
    /// <param name="primaryKey">The primary key.</param>
    /// <param name="secondaryKey">The secondary key.</param>
    internal EndpointAuthKeys(string primaryKey, string secondaryKey)
    {
        PrimaryKey = primaryKey;
        SecondaryKey = secondaryKey;
    }

    /// <summary>The primary key.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string PrimaryKey { get; }

    /// <summary>The secondary key.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string SecondaryKey { get; }

    /// <summary>The primary key.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public override string BearerValue => PrimaryKey;

    /// <summary>A description without the keys.</summary>
    public override string ToString() => "EndpointAuthKeys (primary and secondary key, values hidden)";
}
