namespace AzureMlflow.Deploy;

/// <summary>
/// The environment a deployment with a scoring script runs in: a reference to a registered version
/// (<c>azureml:name:version</c>, <c>azureml:name@latest</c>, a curated <c>AzureML-...</c> name, or an id) or an
/// <see cref="MLEnvironment"/> defined inline, registered when the deployment is created (anonymously when it has no
/// name, as the Python SDK and CLI do). Strings and <see cref="MLEnvironment"/> instances convert implicitly, so
/// <c>deployment.Environment = "azureml:sklearn-env:3"</c> works.
/// </summary>
public sealed class EnvironmentReference
{
    private EnvironmentReference(string? reference, MLEnvironment? environment)
    {
        Reference = reference;
        Environment = environment;
    }

    /// <summary>The textual reference, or null when this wraps an <see cref="MLEnvironment"/>.</summary>
    public string? Reference { get; }

    /// <summary>The inline environment, or null when this is a textual reference.</summary>
    public MLEnvironment? Environment { get; }

    /// <summary>Creates a reference from <c>azureml:name:version</c>, <c>azureml:name@latest</c>, a curated name or an id.</summary>
    /// <param name="reference">The reference.</param>
    public static EnvironmentReference FromReference(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return new EnvironmentReference(reference.Trim(), null);
    }

    /// <summary>Creates a reference to an environment entity.</summary>
    /// <param name="environment">The environment, registered when the deployment is created unless it has an <see cref="MLEnvironment.Id"/>.</param>
    public static EnvironmentReference FromEnvironment(MLEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new EnvironmentReference(null, environment);
    }

    /// <summary>Converts a textual reference.</summary>
    public static implicit operator EnvironmentReference(string reference) => FromReference(reference);

    /// <summary>Converts an environment entity.</summary>
    public static implicit operator EnvironmentReference(MLEnvironment environment) => FromEnvironment(environment);

    /// <inheritdoc/>
    public override string ToString() => Reference ?? Environment?.ToString() ?? string.Empty;
}
