namespace AzureMlflow.Deploy.Mlflow;

/// <summary>An MLmodel file is missing or cannot be read; the message names the file and what is wrong with it.</summary>
public class MlflowModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public MlflowModelException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
