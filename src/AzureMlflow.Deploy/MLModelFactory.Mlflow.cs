using AzureMlflow.Deploy.Mlflow;

namespace AzureMlflow.Deploy;

/// <summary>The MLflow model types, which <see cref="MlflowModel.Load"/> and <see cref="ModelOperations.GetMlflowModel"/> read from an MLmodel file.</summary>
public static partial class MLModelFactory
{
    /// <summary>An MLflow model as read from its MLmodel file.</summary>
    /// <param name="flavors">The flavors.</param>
    /// <param name="signature">The signature, if any.</param>
    /// <param name="savedInputExample">The saved input example, if any.</param>
    /// <param name="mlflowVersion">The MLflow version that wrote it.</param>
    /// <param name="modelUuid">The model's UUID.</param>
    /// <param name="runId">The run that logged it.</param>
    /// <param name="utcTimeCreated">When it was created.</param>
    /// <param name="artifactPath">The artifact path within the run.</param>
    public static MlflowModel MlflowModel(
        IEnumerable<MlflowFlavor> flavors, MlflowSignature? signature = null, MlflowInputExampleInfo? savedInputExample = null, string? mlflowVersion = null,
        string? modelUuid = null, string? runId = null, DateTimeOffset? utcTimeCreated = null, string? artifactPath = null) =>
        new((flavors ?? throw new ArgumentNullException(nameof(flavors))).ToDictionary(f => f.Name, StringComparer.Ordinal),
            signature, savedInputExample, mlflowVersion, modelUuid, runId, utcTimeCreated, artifactPath);

    /// <summary>A preflight finding, as <see cref="MlflowServingPreflight.Check(string, bool)"/> returns it.</summary>
    /// <param name="ruleId">The rule's id.</param>
    /// <param name="severity">Warning or error.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="source">The public report.</param>
    /// <param name="date">The report's date.</param>
    public static PreflightFinding PreflightFinding(string ruleId, PreflightSeverity severity, string message, Uri source, DateOnly date) =>
        new(ruleId, severity, message, source, date);

    /// <summary>A flavor of an MLflow model.</summary>
    /// <param name="name">The flavor name, such as <c>python_function</c>.</param>
    /// <param name="properties">Its settings as text.</param>
    public static MlflowFlavor MlflowFlavor(string name, IDictionary<string, string>? properties = null) =>
        new(name, new Dictionary<string, string>(properties ?? new Dictionary<string, string>(), StringComparer.Ordinal));

    /// <summary>An MLflow signature.</summary>
    /// <param name="inputs">The input schema.</param>
    /// <param name="outputs">The output schema.</param>
    /// <param name="parameters">The inference parameters.</param>
    public static MlflowSignature MlflowSignature(MlflowSchema? inputs, MlflowSchema? outputs = null, IEnumerable<MlflowParamSpec>? parameters = null) =>
        new(inputs, outputs, [.. parameters ?? []]);

    /// <summary>A column-based schema.</summary>
    /// <param name="columns">The columns.</param>
    public static MlflowSchema MlflowSchema(IEnumerable<MlflowColumnSpec> columns) => new([.. columns], []);

    /// <summary>A tensor-based schema.</summary>
    /// <param name="tensors">The tensors.</param>
    public static MlflowSchema MlflowSchema(IEnumerable<MlflowTensorSpec> tensors) => new([], [.. tensors]);

    /// <summary>A column of a column-based schema.</summary>
    /// <param name="name">The column name, or null.</param>
    /// <param name="type">The MLflow type.</param>
    /// <param name="required">Whether the column must be present.</param>
    public static MlflowColumnSpec MlflowColumnSpec(string? name, string type, bool required = true) => new(name, type, required);

    /// <summary>A tensor of a tensor-based schema.</summary>
    /// <param name="name">The tensor name, or null.</param>
    /// <param name="dType">The numpy dtype name.</param>
    /// <param name="shape">The shape; -1 marks a variable dimension.</param>
    public static MlflowTensorSpec MlflowTensorSpec(string? name, string dType, IEnumerable<int> shape) => new(name, dType, [.. shape]);

    /// <summary>An inference parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="type">The MLflow type.</param>
    /// <param name="defaultJson">The default value as JSON text.</param>
    /// <param name="shape">The shape of a list parameter.</param>
    public static MlflowParamSpec MlflowParamSpec(string name, string type, string? defaultJson = null, IEnumerable<int>? shape = null) =>
        new(name, type, defaultJson, shape is null ? null : [.. shape]);

    /// <summary>Where an input example was saved.</summary>
    /// <param name="artifactPath">The file, relative to the model folder.</param>
    /// <param name="type">The example type.</param>
    /// <param name="pandasOrient">The pandas orientation.</param>
    public static MlflowInputExampleInfo MlflowInputExampleInfo(string? artifactPath, string? type = null, string? pandasOrient = null) =>
        new(artifactPath, type, pandasOrient);
}
