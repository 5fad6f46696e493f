using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>
/// Real inference for MLflow models with the <c>onnx</c> flavor, shaped like MLflow's ONNX pyfunc behind Azure ML's
/// scoring: DataFrame input feeds the model's single input as a matrix and answers records (one object per row with a
/// value per output); tensor input answers an object of output names to nested lists.
/// </summary>
internal sealed class OnnxScorer : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxScorer(string onnxFile) => _session = new InferenceSession(onnxFile);

    public JsonNode Score(ScoringInput input)
    {
        var feeds = new List<NamedOnnxValue>();
        if (input.IsTable)
        {
            if (_session.InputMetadata.Count != 1)
            {
                throw ScoringError.BadInput($"The ONNX model has {_session.InputMetadata.Count} inputs; send named tensors instead of a DataFrame.");
            }
            (string name, NodeMetadata metadata) = _session.InputMetadata.First();
            double[] values = input.Rows!.SelectMany(r => r).ToArray();
            feeds.Add(Feed(name, metadata, values, [input.Rows!.Count, input.Columns!.Count]));
        }
        else
        {
            foreach (NumericTensor tensor in input.Tensors!)
            {
                string name = tensor.Name is not null && _session.InputMetadata.ContainsKey(tensor.Name) ? tensor.Name : _session.InputMetadata.Keys.First();
                feeds.Add(Feed(name, _session.InputMetadata[name], tensor.Values, tensor.Shape));
            }
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = _session.Run(feeds);
        var outputs = results.Select(r => (r.Name, Output: Read(r))).Select(o => (o.Name, o.Output.Values, o.Output.Shape)).ToList();
        if (input.IsTable)
        {
            int rows = input.Rows!.Count;
            var records = new JsonArray();
            for (int i = 0; i < rows; i++)
            {
                var record = new JsonObject();
                foreach ((string name, double[] values, int[] _) in outputs)
                {
                    int perRow = values.Length / Math.Max(rows, 1);
                    record[name] = perRow == 1 ? Number(values[i]) : new JsonArray(values.Skip(i * perRow).Take(perRow).Select(Number).ToArray());
                }
                records.Add(record);
            }
            return records;
        }
        var named = new JsonObject();
        foreach ((string name, double[] values, int[] shape) in outputs)
        {
            named[name] = Nest(values, shape, 0, 0, out _);
        }
        return named;
    }

    public void Dispose() => _session.Dispose();

    private static NamedOnnxValue Feed(string name, NodeMetadata metadata, double[] values, int[] shape)
    {
        if (metadata.ElementType == typeof(double))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(values, shape));
        }
        if (metadata.ElementType == typeof(float))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values.Select(v => (float)v).ToArray(), shape));
        }
        if (metadata.ElementType == typeof(long))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(values.Select(v => (long)v).ToArray(), shape));
        }
        if (metadata.ElementType == typeof(int))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(values.Select(v => (int)v).ToArray(), shape));
        }
        if (metadata.ElementType == typeof(byte))
        {
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<byte>(values.Select(v => (byte)v).ToArray(), shape));
        }
        throw new ScoringError(501, $"The emulator cannot feed ONNX inputs of type {metadata.ElementType.Name}.");
    }

    private static (double[] Values, int[] Shape) Read(DisposableNamedOnnxValue value) => value.Value switch
    {
        Tensor<float> f => (f.Select(v => (double)v).ToArray(), f.Dimensions.ToArray()),
        Tensor<double> d => (d.ToArray(), d.Dimensions.ToArray()),
        Tensor<long> l => (l.Select(v => (double)v).ToArray(), l.Dimensions.ToArray()),
        Tensor<int> i => (i.Select(v => (double)v).ToArray(), i.Dimensions.ToArray()),
        _ => throw new ScoringError(501, $"The emulator cannot return ONNX outputs of type {value.Value?.GetType().Name}."),
    };

    /// <summary>A prediction; NaN and infinities are written as null, as pandas writes a missing value (the SDK reads it back as NaN).</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static JsonNode? Nest(double[] values, int[] shape, int depth, int offset, out int consumed)
    {
        if (depth == shape.Length)
        {
            consumed = 1;
            return Number(values[offset]);
        }
        var array = new JsonArray();
        int used = 0;
        for (int i = 0; i < shape[depth]; i++)
        {
            array.Add(Nest(values, shape, depth + 1, offset + used, out int step));
            used += step;
        }
        consumed = used;
        return array;
    }
}
