namespace AzureMlflow.Deploy;

/// <summary>
/// The model a deployment serves: a reference to a registered version (<c>azureml:name:version</c>, <c>name:version</c>,
/// <c>azureml:name@latest</c>, or an ARM id) or a <see cref="Model"/> entity that is registered first when it has no id.
/// Strings and <see cref="Model"/> instances convert implicitly, so <c>deployment.Model = "azureml:diabetes:1"</c> works.
/// </summary>
public sealed class ModelReference
{
    private ModelReference(string? reference, Model? model)
    {
        Reference = reference;
        Model = model;
    }

    /// <summary>The textual reference, or null when this wraps a <see cref="Model"/>.</summary>
    public string? Reference { get; }

    /// <summary>The model entity, or null when this is a textual reference.</summary>
    public Model? Model { get; }

    /// <summary>Creates a reference from <c>azureml:name:version</c>, <c>name:version</c>, <c>name@latest</c> or an ARM id.</summary>
    /// <param name="reference">The reference.</param>
    public static ModelReference FromReference(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return new ModelReference(reference.Trim(), null);
    }

    /// <summary>Creates a reference to a model entity.</summary>
    /// <param name="model">The model, registered first when it has no <see cref="Deploy.Model.Id"/>.</param>
    public static ModelReference FromModel(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ModelReference(null, model);
    }

    /// <summary>Converts a textual reference.</summary>
    public static implicit operator ModelReference(string reference) => FromReference(reference);

    /// <summary>Converts a model entity.</summary>
    public static implicit operator ModelReference(Model model) => FromModel(model);

    /// <inheritdoc/>
    public override string ToString() => Reference ?? Model?.ToString() ?? string.Empty;
}
