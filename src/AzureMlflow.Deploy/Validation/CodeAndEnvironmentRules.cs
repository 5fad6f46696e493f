namespace AzureMlflow.Deploy.Validation;

/// <summary>Checks a deployment's scoring script and environment before any request (online and batch share them).</summary>
internal static class CodeAndEnvironmentRules
{
    public static void Validate(string who, EnvironmentReference? environment, CodeConfiguration? code, string paramName)
    {
        switch (environment)
        {
            case { Reference: { } reference }:
                Core.EnvironmentReferences.Validate(reference);
                break;
            case { Environment: { Id: null } inline }:
                EnvironmentRules.ValidateForRegistration(inline, paramName);
                break;
        }
        Core.CodeReferences.Validate(code, paramName);
        if (code is not null && environment is null)
        {
            // The service's rule (batch: "'Environment Id' must not be empty."): a scoring script runs in an environment the user gives.
            throw new ArgumentException(
                $"{who} has a scoring script but no Environment; a deployment with code needs one (an inline MLEnvironment with an image and conda file, " +
                "or 'azureml:name:version'). The service answers \"'Environment Id' must not be empty.\"", paramName);
        }
    }
}
