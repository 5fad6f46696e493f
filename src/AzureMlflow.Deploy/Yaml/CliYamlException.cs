namespace AzureMlflow.Deploy;

/// <summary>A CLI v2 YAML file cannot be loaded: unknown keys, wrong types, unsupported values; the message names the file and lines.</summary>
public class CliYamlException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, with file and line.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public CliYamlException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
