using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>A numeric tensor from a request: values in row-major order and the shape.</summary>
internal sealed record NumericTensor(string? Name, double[] Values, int[] Shape);

/// <summary>
/// The <c>input_data</c> of a request, parsed and checked against the model's signature as Azure ML's MLflow scoring
/// does: a split DataFrame (or records) for column signatures, a tensor or named tensors for tensor signatures.
/// </summary>
internal sealed class ScoringInput
{
    /// <summary>The service's answer to a body without <c>input_data</c> (reported in Azure/azureml-examples#3385).</summary>
    public const string MissingInputData = "A value is not provided for the 'input_data' parameter.";

    /// <summary>
    /// Azure's MLflow scoring script reads a DataFrame input with pandas' split orientation only, so records (a list of
    /// objects) fail there; the emulator refuses them rather than pass a test that would fail on Azure.
    /// </summary>
    public const string RecordsRefused =
        "'input_data' is a list of records, but Azure ML's MLflow server reads DataFrames in split orientation only: {\"columns\": [...], \"index\": [...], \"data\": [[...]]}.";

    private ScoringInput(IReadOnlyList<string>? columns, IReadOnlyList<double[]>? rows, IReadOnlyList<NumericTensor>? tensors)
    {
        Columns = columns;
        Rows = rows;
        Tensors = tensors;
    }

    /// <summary>For DataFrame input: the columns in signature order (or as sent when there is no signature).</summary>
    public IReadOnlyList<string>? Columns { get; }

    /// <summary>For DataFrame input: each row's values in <see cref="Columns"/> order.</summary>
    public IReadOnlyList<double[]>? Rows { get; }

    /// <summary>For tensor input: the tensors (one unnamed, or named).</summary>
    public IReadOnlyList<NumericTensor>? Tensors { get; }

    public bool IsTable => Rows is not null;

    /// <summary>A single tensor built by the emulator itself (an image file in a batch job).</summary>
    public ScoringInput(NumericTensor tensor)
        : this(null, null, [tensor])
    {
    }

    public static ScoringInput Parse(JsonObject request, MlmodelFile model)
    {
        if (!request.TryGetPropertyValue("input_data", out JsonNode? input) || input is null)
        {
            throw ScoringError.BadInput(MissingInputData);
        }
        if (model.InputTensors is { } tensors)
        {
            return new ScoringInput(null, null, ParseTensors(input, tensors));
        }
        if (input is JsonArray array && array.Count > 0 && array[0] is JsonObject)
        {
            throw ScoringError.BadInput(RecordsRefused);
        }
        if (input is JsonObject split && split.ContainsKey("data"))
        {
            return Split(split, model);
        }
        if (input is JsonArray && model.InputColumns is null)
        {
            return new ScoringInput(null, null, [ToTensor(null, input)]);
        }
        throw ScoringError.BadInput("'input_data' must be a DataFrame in split orientation ({\"columns\": [...], \"index\": [...], \"data\": [[...]]}) for this model's column-based signature.");
    }

    private static ScoringInput Split(JsonObject split, MlmodelFile model)
    {
        List<string> sent = (split["columns"] as JsonArray ?? throw ScoringError.BadInput("A split DataFrame needs 'columns'."))
            .Select(c => c?.ToString() ?? throw ScoringError.BadInput("Column names must not be null.")).ToList();
        var data = split["data"] as JsonArray ?? throw ScoringError.BadInput("A split DataFrame needs 'data' as a list of rows.");
        if (split["index"] is JsonArray index && index.Count != data.Count)
        {
            throw ScoringError.BadInput($"The DataFrame has {data.Count} rows but its index has {index.Count} entries.");
        }
        var rows = new List<JsonArray>(data.Count);
        foreach (JsonNode? row in data)
        {
            var values = row as JsonArray ?? throw ScoringError.BadInput("Every row of 'data' must be a list.");
            if (values.Count != sent.Count)
            {
                throw ScoringError.BadInput($"A row has {values.Count} values but the DataFrame has {sent.Count} columns.");
            }
            rows.Add(values);
        }
        IReadOnlyList<ColumnSpec> specs = model.InputColumns ?? sent.Select(c => new ColumnSpec(c, "double", true)).ToList();
        var missing = specs.Where(s => s.Required && s.Name is not null && !sent.Contains(s.Name)).Select(s => s.Name!).ToList();
        if (missing.Count > 0)
        {
            var extra = sent.Where(p => specs.All(s => s.Name != p)).ToList();
            throw ScoringError.BadInput($"Model is missing inputs [{string.Join(", ", missing.Select(m => $"'{m}'"))}]." +
                (extra.Count > 0 ? $" Note that there were extra inputs: [{string.Join(", ", extra.Select(e => $"'{e}'"))}]." : ""));
        }
        var columns = specs.Where(s => s.Name is not null && sent.Contains(s.Name)).ToList();
        // A column named twice takes the value of its last position.
        int[] positions = [.. columns.Select(c => sent.LastIndexOf(c.Name!))];
        var numbers = new List<double[]>(rows.Count);
        foreach (JsonArray values in rows)
        {
            var row = new double[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                row[c] = ToNumber(values[positions[c]], columns[c]);
            }
            numbers.Add(row);
        }
        return new ScoringInput(columns.Select(c => c.Name!).ToList(), numbers, null);
    }

    private static double ToNumber(JsonNode? value, ColumnSpec column)
    {
        if (value is null)
        {
            return column.Type is "double" or "float" ? double.NaN
                : throw ScoringError.BadInput($"Incompatible input types for column {column.Name}. Can not safely convert null to {column.Type}.");
        }
        JsonValueKind kind = value.GetValueKind();
        return (column.Type, kind) switch
        {
            ("double" or "float", JsonValueKind.Number) => value.GetValue<double>(),
            ("long" or "integer", JsonValueKind.Number) when value.AsValue().TryGetValue(out long whole) => whole,
            ("boolean", JsonValueKind.True) => 1,
            ("boolean", JsonValueKind.False) => 0,
            _ => throw ScoringError.BadInput(
                $"Incompatible input types for column {column.Name}. Can not safely convert {Describe(kind)} to {column.Type}."),
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "a non-integral number",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static List<NumericTensor> ParseTensors(JsonNode input, IReadOnlyList<TensorSpec> specs)
    {
        var tensors = new List<NumericTensor>();
        if (input is JsonObject named)
        {
            foreach (TensorSpec spec in specs)
            {
                JsonNode value = named[spec.Name ?? string.Empty] ?? throw ScoringError.BadInput($"Model is missing inputs ['{spec.Name}'].");
                tensors.Add(Check(ToTensor(spec.Name, value), spec));
            }
        }
        else
        {
            if (specs.Count != 1)
            {
                throw ScoringError.BadInput($"This model takes {specs.Count} named tensors; send 'input_data' as an object of tensor names to nested lists.");
            }
            tensors.Add(Check(ToTensor(specs[0].Name, input), specs[0]));
        }
        return tensors;
    }

    private static NumericTensor Check(NumericTensor tensor, TensorSpec spec)
    {
        bool matches = tensor.Shape.Length == spec.Shape.Length && spec.Shape.Zip(tensor.Shape).All(d => d.First == -1 || d.First == d.Second);
        return matches ? tensor : throw ScoringError.BadInput(
            $"Shape of input ({string.Join(", ", tensor.Shape)}) does not match expected shape ({string.Join(", ", spec.Shape)}){(spec.Name is null ? "" : $" for input '{spec.Name}'")}.");
    }

    private static NumericTensor ToTensor(string? name, JsonNode node)
    {
        var shape = new List<int>();
        for (JsonNode? level = node; level is JsonArray array; level = array.Count > 0 ? array[0] : null)
        {
            shape.Add(array.Count);
        }
        var values = new List<double>();
        Flatten(node, 0, shape, values);
        return new NumericTensor(name, [.. values], [.. shape]);
    }

    private static void Flatten(JsonNode? node, int depth, List<int> shape, List<double> values)
    {
        if (depth == shape.Count)
        {
            // A null is a missing value: NaN, as numpy makes None in a float array (the SDK writes NaN as null).
            values.Add(node is null ? double.NaN
                : node.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>()
                : node.GetValueKind() is JsonValueKind.True ? 1 : node.GetValueKind() is JsonValueKind.False ? 0
                : throw ScoringError.BadInput($"Tensor values must be numbers, not '{node.ToJsonString()}'."));
            return;
        }
        var array = node as JsonArray;
        if (array is null || array.Count != shape[depth])
        {
            throw ScoringError.BadInput($"The tensor is ragged: dimension {depth.ToString(CultureInfo.InvariantCulture)} does not have {shape[depth]} entries everywhere.");
        }
        foreach (JsonNode? child in array)
        {
            Flatten(child, depth + 1, shape, values);
        }
    }
}
