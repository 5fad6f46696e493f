using System.Data.Common;

namespace AzureMlflow.Deploy.Configuration;

/// <summary>
/// The <c>Key=value;Key=value</c> pairs of a connection string, read the way ADO.NET reads them (quoting, case-insensitive
/// keys). An unknown key is an error, not ignored: a misspelt <c>WorkspaceNmae</c> would otherwise end in a 404 later.
/// </summary>
internal sealed class ConnectionStringParts
{
    private readonly DbConnectionStringBuilder _parts;
    private readonly string _kind;

    public ConnectionStringParts(string connectionString, string kind, params string[] knownKeys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _kind = kind;
        try
        {
            _parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException ex)
        {
            // The builder's message quotes the string, which may hold a key: say where it broke, never what it holds.
            throw new ArgumentException($"The {kind} connection string is not a list of Key=value pairs separated by ';'.", nameof(connectionString), ex.InnerException);
        }
        foreach (string key in _parts.Keys.Cast<string>())
        {
            if (!knownKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The {kind} connection string has an unknown key '{key}'; the keys are {string.Join(", ", knownKeys)}.", nameof(connectionString));
            }
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null when it is absent or empty.</summary>
    public string? Optional(string key) => _parts.TryGetValue(key, out object? value) && value is string { Length: > 0 } text ? text : null;

    public string Required(string key) =>
        Optional(key) ?? throw new ArgumentException($"The {_kind} connection string has no {key}.", "connectionString");

    public Uri? OptionalUri(string key) => Optional(key) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri
        : throw new ArgumentException($"The {_kind} connection string's {key} '{text}' is not an absolute URI.", "connectionString");
}
