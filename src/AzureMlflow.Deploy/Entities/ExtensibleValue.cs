namespace AzureMlflow.Deploy;

/// <summary>Equality shared by the extensible-enum structs: the service's values compare case-insensitively.</summary>
internal static class ExtensibleValue
{
    public static bool AreEqual(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    public static int HashCode(string? value) => value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(value);
}
