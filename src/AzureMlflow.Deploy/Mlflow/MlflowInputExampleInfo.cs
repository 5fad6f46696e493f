namespace AzureMlflow.Deploy.Mlflow;

/// <summary>Where and how the model's input example was saved (<c>saved_input_example_info</c>).</summary>
public sealed class MlflowInputExampleInfo
{
    internal MlflowInputExampleInfo(string? artifactPath, string? type, string? pandasOrient)
    {
        ArtifactPath = artifactPath;
        Type = type;
        PandasOrient = pandasOrient;
    }

    /// <summary>The example's file, relative to the model folder.</summary>
    public string? ArtifactPath { get; }

    /// <summary>The example type, such as <c>dataframe</c> or <c>ndarray</c>.</summary>
    public string? Type { get; }

    /// <summary>The pandas orientation for DataFrame examples (<c>split</c>, <c>records</c>), or null.</summary>
    public string? PandasOrient { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Type ?? "input example"} in {ArtifactPath}";
}
