using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.Validation;

/// <summary>The service's naming rules for endpoints and deployments, checked before any request.</summary>
internal static partial class NameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    [GeneratedRegex("^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex EndpointOrDeploymentName();

    public static void ValidateEndpointName(string? name, string paramName) => Validate(name, "an endpoint", paramName);

    public static void ValidateDeploymentName(string? name, string paramName) => Validate(name, "a deployment", paramName);

    private static void Validate(string? name, string what, string paramName)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"The name for {what} must not be empty.", paramName);
        }
        if (name.Length is < MinLength or > MaxLength)
        {
            throw new ArgumentException(
                $"The name for {what} must be at least {MinLength} and at most {MaxLength} characters long; '{name}' has {name.Length}.", paramName);
        }
        if (!EndpointOrDeploymentName().IsMatch(name))
        {
            throw new ArgumentException(
                $"The name for {what} must start with a letter, contain only letters, digits and '-', and end with a letter or digit; '{name}' does not.", paramName);
        }
    }

    public static void ValidateAssetName(string? name, string what, string paramName)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"The {what} name must not be empty.", paramName);
        }
        if (name.Length > 255 || name.Contains('/') || name.Contains(':') || name.Contains('@'))
        {
            throw new ArgumentException($"The {what} name '{name}' is invalid: at most 255 characters, without '/', ':' or '@'.", paramName);
        }
    }
}
