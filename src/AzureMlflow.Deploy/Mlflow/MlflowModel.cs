using System.Globalization;

namespace AzureMlflow.Deploy.Mlflow;

/// <summary>
/// An MLflow model's <c>MLmodel</c> file: its flavors, signature, input example and provenance. Read with
/// <see cref="Load"/> before registering or invoking a model, so mistakes surface locally.
/// </summary>
public sealed class MlflowModel
{
    /// <summary>MLmodel files are small; anything larger is not one.</summary>
    internal const int MaxFileBytes = 1024 * 1024;

    internal MlflowModel(IReadOnlyDictionary<string, MlflowFlavor> flavors, MlflowSignature? signature, MlflowInputExampleInfo? example,
        string? mlflowVersion, string? modelUuid, string? runId, DateTimeOffset? created, string? artifactPath)
    {
        Flavors = flavors;
        Signature = signature;
        SavedInputExample = example;
        MlflowVersion = mlflowVersion;
        ModelUuid = modelUuid;
        RunId = runId;
        UtcTimeCreated = created;
        ArtifactPath = artifactPath;
    }

    /// <summary>The flavors by name.</summary>
    public IReadOnlyDictionary<string, MlflowFlavor> Flavors { get; }

    /// <summary>The signature, if the model was logged with one.</summary>
    public MlflowSignature? Signature { get; }

    /// <summary>The saved input example, if any.</summary>
    public MlflowInputExampleInfo? SavedInputExample { get; }

    /// <summary>The MLflow version that wrote the model, if recorded.</summary>
    public string? MlflowVersion { get; }

    /// <summary>The model's UUID, if recorded.</summary>
    public string? ModelUuid { get; }

    /// <summary>The MLflow run that logged the model, if recorded.</summary>
    public string? RunId { get; }

    /// <summary>When the model was written (UTC), if recorded.</summary>
    public DateTimeOffset? UtcTimeCreated { get; }

    /// <summary>The artifact path the model was logged under, if recorded.</summary>
    public string? ArtifactPath { get; }

    /// <summary>Reads <c>{modelDirectory}/MLmodel</c>.</summary>
    /// <param name="modelDirectory">The MLflow model folder.</param>
    /// <exception cref="MlflowModelException">The file is missing, too large or malformed.</exception>
    public static MlflowModel Load(string modelDirectory)
    {
        string file = MLmodelPath(modelDirectory);
        return Parse(ReadText(file, () => File.ReadAllBytes(file)), file);
    }

    /// <summary>Reads <c>{modelDirectory}/MLmodel</c>.</summary>
    /// <param name="modelDirectory">The MLflow model folder.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="MlflowModelException">The file is missing, too large or malformed.</exception>
    public static async Task<MlflowModel> LoadAsync(string modelDirectory, CancellationToken cancellationToken = default)
    {
        string file = MLmodelPath(modelDirectory);
        byte[] bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        return Parse(ReadText(file, () => bytes), file);
    }

    /// <summary>Parses the text of an MLmodel file.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">The file name to mention in errors.</param>
    /// <exception cref="MlflowModelException">The text is not a valid MLmodel.</exception>
    public static MlflowModel Parse(string yaml, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return MLmodelReader.Read(yaml, sourceName ?? "MLmodel");
    }

    /// <summary>
    /// The flavors in the shape Azure ML's model version <c>flavors</c> field takes: flavor name to its settings as strings
    /// (the service wraps each in <c>data</c>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ToServiceFlavors() =>
        Flavors.ToDictionary(f => f.Key, f => f.Value.Properties, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string ToString() =>
        $"MLflow model ({string.Join(", ", Flavors.Keys)}){(MlflowVersion is null ? "" : ", mlflow " + MlflowVersion)}";

    internal static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time) ? time : null;

    private static string MLmodelPath(string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDirectory);
        string file = Path.Combine(modelDirectory, "MLmodel");
        if (!File.Exists(file))
        {
            throw new MlflowModelException($"'{modelDirectory}' is not an MLflow model folder: it has no 'MLmodel' file.");
        }
        return file;
    }

    private static string ReadText(string file, Func<byte[]> read)
    {
        if (new FileInfo(file).Length > MaxFileBytes)
        {
            throw new MlflowModelException($"'{file}' is larger than {MaxFileBytes / 1024} KiB; an MLmodel file is a small YAML description, not the model itself.");
        }
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(read());
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new MlflowModelException($"'{file}' is not UTF-8 text.", ex);
        }
    }
}
