namespace AzureMlflow.Deploy.Mlflow;

/// <summary>
/// What Azure ML's no-code MLflow deployment cannot serve, checked locally so users learn it before an upload and a
/// long provisioning, not from a failed container.
/// </summary>
public static class MlflowDeploymentRules
{
    /// <summary>Throws <see cref="NotSupportedException"/> listing every problem, if there is any.</summary>
    /// <param name="model">The model.</param>
    /// <exception cref="NotSupportedException">The model cannot be deployed without a scoring script.</exception>
    public static void EnsureNoCodeDeployable(MlflowModel model)
    {
        IReadOnlyList<string> problems = FindProblems(model);
        if (problems.Count > 0)
        {
            throw new NotSupportedException("This MLflow model cannot be deployed by Azure ML without a scoring script: " + string.Join(" ", problems));
        }
    }

    /// <summary>Every reason the model cannot be deployed without code (empty when it can).</summary>
    /// <param name="model">The model.</param>
    public static IReadOnlyList<string> FindProblems(MlflowModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<string>();
        bool spark = model.Flavors.ContainsKey("spark");
        if (spark && model.Flavors.Keys.All(f => f is "spark" or "python_function"))
        {
            problems.Add("The Spark flavor is not supported for no-code deployment; log the model with another flavor (for example ONNX or the library's own) or deploy it with a scoring script.");
        }
        else if (!model.Flavors.ContainsKey("python_function"))
        {
            problems.Add($"The model has no python_function flavor (only {string.Join(", ", model.Flavors.Keys)}), so the MLflow scoring server cannot load it.");
        }
        foreach (MlflowSchema schema in new[] { model.Signature?.Inputs, model.Signature?.Outputs }.OfType<MlflowSchema>())
        {
            foreach (MlflowColumnSpec column in schema.Columns.Where(c => c.Type == "binary"))
            {
                problems.Add($"Column '{column.Name}' has type binary, which no-code deployment does not support; send it as a base64 string column or as a tensor.");
            }
            foreach (MlflowTensorSpec tensor in schema.Tensors)
            {
                if (tensor.Shape.Skip(1).Contains(-1))
                {
                    problems.Add($"Tensor{(tensor.Name is null ? "" : $" '{tensor.Name}'")} has shape [{string.Join(", ", tensor.Shape)}]; -1 is only supported in the first (batch) dimension.");
                }
            }
        }
        return problems;
    }
}
