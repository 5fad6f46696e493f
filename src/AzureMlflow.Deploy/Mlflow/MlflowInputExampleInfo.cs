namespace AzureMlflow.Deploy.Mlflow;

/// <summary>Where and how the model's input example was saved (<c>saved_input_example_info</c>).</summary>
/// <param name="ArtifactPath">The example's file, relative to the model folder.</param>
/// <param name="Type">The example type, such as <c>dataframe</c> or <c>ndarray</c>.</param>
/// <param name="PandasOrient">The pandas orientation for DataFrame examples (<c>split</c>, <c>records</c>), or null.</param>
public sealed record MlflowInputExampleInfo(string? ArtifactPath, string? Type, string? PandasOrient);
