namespace AzureMlflow.Deploy.Validation;

/// <summary>Checks an environment before it is registered.</summary>
internal static class EnvironmentRules
{
    public static void ValidateForRegistration(MLEnvironment environment, string paramName)
    {
        ArgumentNullException.ThrowIfNull(environment, paramName);
        string who = environment.Name is null ? "The anonymous environment" : $"Environment '{environment.Name}'";
        if (environment.Name is null)
        {
            if (environment.Version is not null)
            {
                throw new ArgumentException("If version is specified, name must be specified also.", paramName);
            }
        }
        else
        {
            NameRules.ValidateAssetName(environment.Name, "environment", paramName);
        }
        if (string.IsNullOrWhiteSpace(environment.Image))
        {
            throw new ArgumentException($"{who} has no Image; give the Docker image it is built on.", paramName);
        }
        if (environment.CondaFile is { } conda && !File.Exists(conda))
        {
            throw new ArgumentException($"The conda file '{conda}' of {who.ToLowerInvariant()[..1]}{who[1..]} does not exist.", paramName);
        }
    }
}
