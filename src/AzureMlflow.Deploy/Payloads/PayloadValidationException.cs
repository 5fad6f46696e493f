namespace AzureMlflow.Deploy.Payloads;

/// <summary>A payload does not fit the model's signature, or holds a value that cannot be sent; thrown before any request.</summary>
public class PayloadValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public PayloadValidationException(string message) : base(message)
    {
    }
}
