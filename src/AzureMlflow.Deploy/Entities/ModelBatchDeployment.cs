namespace AzureMlflow.Deploy;

/// <summary>
/// The Python SDK's name for a batch deployment of a model (<c>ModelBatchDeployment</c>); the same as
/// <see cref="BatchDeployment"/>, whose settings it has directly rather than in a <c>settings</c> object.
/// </summary>
public class ModelBatchDeployment : BatchDeployment
{
    /// <summary>Creates a deployment description.</summary>
    /// <param name="name">The deployment name (lower-cased).</param>
    /// <param name="endpointName">The batch endpoint.</param>
    public ModelBatchDeployment(string name, string endpointName)
        : base(name, endpointName)
    {
    }
}
