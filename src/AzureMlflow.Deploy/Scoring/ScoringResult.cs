using System.Globalization;
using System.Text.Json;

namespace AzureMlflow.Deploy;

/// <summary>
/// A scoring response: the raw content, the status, which deployment answered, and helpers that read the prediction
/// shapes MLflow models return (a list of numbers, a list of one-value lists or records, <c>{"predictions": ...}</c>,
/// or one named output).
/// </summary>
public sealed class ScoringResult
{
    internal ScoringResult(BinaryData content, int status, string? deploymentName, string? requestId)
    {
        Content = content;
        Status = status;
        DeploymentName = deploymentName;
        RequestId = requestId;
    }

    /// <summary>The response body.</summary>
    public BinaryData Content { get; }

    /// <summary>The HTTP status (2xx; errors throw <see cref="ScoringException"/>).</summary>
    public int Status { get; }

    /// <summary>The deployment that served the request (the <c>azureml-model-deployment</c> response header), if reported.</summary>
    public string? DeploymentName { get; }

    /// <summary>The request id the service reported, for support cases.</summary>
    public string? RequestId { get; }

    /// <summary>Parses the body as JSON.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public JsonDocument ToJsonDocument() => JsonDocument.Parse(Content.ToMemory());

    /// <summary>The predictions as numbers, one per row.</summary>
    /// <exception cref="FormatException">The body is not a single list of numeric predictions; use <see cref="ToJsonDocument"/>.</exception>
    public double[] ToDoubleArray() => ToArray(static e => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.Null => double.NaN, // how pandas writes a missing prediction
        _ => throw new FormatException($"A prediction is a JSON {e.ValueKind.ToString().ToLowerInvariant()}, not a number; read the response with ToJsonDocument()."),
    });

    /// <summary>The predictions as strings (labels), one per row.</summary>
    /// <exception cref="FormatException">The body is not a single list of predictions.</exception>
    public string[] ToStringArray() => ToArray(static e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText());

    /// <summary>The predictions converted with <paramref name="convert"/>, one per row.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="convert">Reads one prediction.</param>
    /// <exception cref="FormatException">The body is not a single list of predictions.</exception>
    public T[] ToArray<T>(Func<JsonElement, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        JsonDocument document;
        try
        {
            document = ToJsonDocument();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The response is not JSON ({ex.Message}); read it from Content.", ex);
        }
        using JsonDocument parsed = document;
        JsonElement list = Predictions(parsed.RootElement);
        var values = new T[list.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            values[i++] = convert(Single(item));
        }
        return values;
    }

    /// <inheritdoc/>
    public override string ToString() => $"ScoringResult {Status} from '{DeploymentName ?? "(unknown deployment)"}' ({Content.ToMemory().Length} bytes)";

    /// <summary>Finds the list of predictions: the root list, or the value of <c>predictions</c> or of a single named output.</summary>
    private static JsonElement Predictions(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root;
        }
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("predictions", out JsonElement predictions))
            {
                return Predictions(predictions);
            }
            var properties = root.EnumerateObject().ToList();
            if (properties.Count == 1)
            {
                return Predictions(properties[0].Value);
            }
        }
        throw new FormatException("The response is not a single list of predictions (it has several named outputs); read it with ToJsonDocument().");
    }

    /// <summary>One row's prediction: the value itself, the only item of a one-item list, or the only value of a record.</summary>
    private static JsonElement Single(JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 1)
        {
            return Single(item[0]);
        }
        if (item.ValueKind == JsonValueKind.Object)
        {
            var properties = item.EnumerateObject().ToList();
            if (properties.Count == 1)
            {
                return Single(properties[0].Value);
            }
        }
        if (item.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
        {
            throw new FormatException("Each row's prediction has several values; read the response with ToJsonDocument().");
        }
        return item;
    }
}
