using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AzureMlflow.Deploy.Payloads;
using NewtonsoftProperty = Newtonsoft.Json.JsonPropertyAttribute;

namespace AzureMlflow.Deploy.Benchmarks.Payloads;

/// <summary>
/// One payload workload and its side-by-side baselines, all producing the same JSON document:
/// the SDK (<see cref="ScoringPayload.ToBinaryData"/>), System.Text.Json reflection serialization of the equivalent
/// object graph, Newtonsoft.Json of the same graph, and loops that only write brackets, commas and numbers into a reused
/// buffer: the floor, with the SDK's own number formatter (so the SDK's time above it is the cost of everything else it
/// does), and two references, the runtime's <see cref="Utf8Formatter"/> and a <see cref="Utf8JsonWriter"/>.
/// </summary>
internal sealed class PayloadWorkload
{
    public required string Key { get; init; }
    public required string Title { get; init; }
    public required int Rows { get; init; }
    public required Func<BinaryData> Sdk { get; init; }
    public required Func<byte[]> Stj { get; init; }
    public required Func<string> Newtonsoft { get; init; }
    public required Func<int> Floor { get; init; }
    public required Func<int> FormatterLoop { get; init; }
    public required Func<int> WriterLoop { get; init; }

    /// <summary>The floor's and the Utf8Formatter loop's output (for checking they write the same document).</summary>
    public required Func<ReadOnlyMemory<byte>> FloorOutput { get; init; }
    public required Func<ReadOnlyMemory<byte>> FormatterLoopOutput { get; init; }
}

internal static class PayloadWorkloads
{
    public const int TensorImages = 10_000;
    public const int RecordCount = 100_000;

    private static readonly JsonSerializerOptions Reflection = new();
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static PayloadWorkload DataFrame(string key, int rows)
    {
        string[] names = PayloadData.ColumnNames(PayloadData.Columns);
        double[][] columns = PayloadData.DataFrameColumns(rows);
        DataFramePayload payload = ScoringPayload.FromColumns(names.Select((n, c) => PayloadColumn.Create(n, columns[c])).ToArray());
        var graph = new Envelope<SplitFrame<double[]>>
        {
            InputData = new SplitFrame<double[]> { Columns = names, Data = Enumerable.Range(0, rows).Select(r => columns.Select(c => c[r]).ToArray()).ToArray(), Index = Enumerable.Range(0, rows).ToArray() },
        };
        byte[] floor = new byte[(rows * PayloadData.Columns * 26) + (rows * 12) + 4096];
        var writerBuffer = new ArrayBufferWriter<byte>(floor.Length);
        return new PayloadWorkload
        {
            Key = key,
            Title = $"DataFrame split {rows:N0} x {PayloadData.Columns} doubles",
            Rows = rows,
            Sdk = () => payload.ToBinaryData(),
            Stj = () => JsonSerializer.SerializeToUtf8Bytes(graph, Reflection),
            Newtonsoft = () => global::Newtonsoft.Json.JsonConvert.SerializeObject(graph),
            Floor = () => FormatDataFrame<SdkNumbers>(floor, names, columns),
            FormatterLoop = () => FormatDataFrame<RuntimeNumbers>(floor, names, columns),
            WriterLoop = () => WriteDataFrame(writerBuffer, names, columns),
            FloorOutput = () => floor.AsMemory(0, FormatDataFrame<SdkNumbers>(floor, names, columns)),
            FormatterLoopOutput = () => floor.AsMemory(0, FormatDataFrame<RuntimeNumbers>(floor, names, columns)),
        };
    }

    public static PayloadWorkload Tensor(int images)
    {
        float[] values = PayloadData.Tensor(images);
        TensorPayload payload = ScoringPayload.FromTensor<float>(values, images, 28, 28);
        float[][][] jagged = Enumerable.Range(0, images)
            .Select(i => Enumerable.Range(0, 28).Select(r => values.AsSpan((i * 784) + (r * 28), 28).ToArray()).ToArray()).ToArray();
        var graph = new Envelope<float[][][]> { InputData = jagged };
        byte[] floor = new byte[(values.Length * 17) + (images * 100) + 4096];
        var writerBuffer = new ArrayBufferWriter<byte>(floor.Length);
        return new PayloadWorkload
        {
            Key = "tensor",
            Title = $"Tensor [{images:N0}, 28, 28] float32",
            Rows = images,
            Sdk = () => payload.ToBinaryData(),
            Stj = () => JsonSerializer.SerializeToUtf8Bytes(graph, Reflection),
            Newtonsoft = () => global::Newtonsoft.Json.JsonConvert.SerializeObject(graph),
            Floor = () => FormatTensor<SdkNumbers>(floor, values, images),
            FormatterLoop = () => FormatTensor<RuntimeNumbers>(floor, values, images),
            WriterLoop = () => WriteTensor(writerBuffer, values, images),
            FloorOutput = () => floor.AsMemory(0, FormatTensor<SdkNumbers>(floor, values, images)),
            FormatterLoopOutput = () => floor.AsMemory(0, FormatTensor<RuntimeNumbers>(floor, values, images)),
        };
    }

    public static PayloadWorkload Records(int count)
    {
        HeartRecord[] records = PayloadData.Records(count);
        var graph = new Envelope<SplitFrame<object[]>>
        {
            InputData = new SplitFrame<object[]> { Columns = HeartRecord.ColumnNames, Data = records.Select(r => r.ToRow()).ToArray(), Index = Enumerable.Range(0, count).ToArray() },
        };
        byte[] floor = new byte[(count * 100) + 4096];
        var writerBuffer = new ArrayBufferWriter<byte>(floor.Length);
        return new PayloadWorkload
        {
            Key = "records",
            Title = $"Records {count:N0} x 12-property type",
            Rows = count,
            // The SDK's figure includes reading the records into typed columns (FromRecords); the baselines' graphs are pre-built.
            Sdk = () => ScoringPayload.FromRecords(records).ToBinaryData(),
            Stj = () => JsonSerializer.SerializeToUtf8Bytes(graph, Reflection),
            Newtonsoft = () => global::Newtonsoft.Json.JsonConvert.SerializeObject(graph),
            Floor = () => FormatRecords<SdkNumbers>(floor, records),
            FormatterLoop = () => FormatRecords<RuntimeNumbers>(floor, records),
            WriterLoop = () => WriteRecords(writerBuffer, records),
            FloorOutput = () => floor.AsMemory(0, FormatRecords<SdkNumbers>(floor, records)),
            FormatterLoopOutput = () => floor.AsMemory(0, FormatRecords<RuntimeNumbers>(floor, records)),
        };
    }

    // ---- the bare loops: brackets, commas and numbers into a reused buffer, nothing else; TNumbers formats the floats ----

    private static int FormatDataFrame<TNumbers>(byte[] buffer, string[] names, double[][] columns)
        where TNumbers : INumberFormat
    {
        Span<byte> span = buffer;
        int at = Literal(span, 0, "{\"input_data\":{\"columns\":[");
        for (int c = 0; c < names.Length; c++)
        {
            at = Literal(span, at, c == 0 ? "\"" : ",\"");
            at += Encoding.UTF8.GetBytes(names[c], span[at..]);
            span[at++] = (byte)'"';
        }
        at = Literal(span, at, "],\"data\":[");
        int rows = columns[0].Length;
        for (int r = 0; r < rows; r++)
        {
            if (r > 0)
            {
                span[at++] = (byte)',';
            }
            span[at++] = (byte)'[';
            for (int c = 0; c < columns.Length; c++)
            {
                if (c > 0)
                {
                    span[at++] = (byte)',';
                }
                at += TNumbers.Double(columns[c][r], span[at..]);
            }
            span[at++] = (byte)']';
        }
        at = Literal(span, at, "],\"index\":[");
        at = FormatIndex(span, at, rows);
        return Literal(span, at, "]}}");
    }

    private static int FormatTensor<TNumbers>(byte[] buffer, float[] values, int images)
        where TNumbers : INumberFormat
    {
        Span<byte> span = buffer;
        int at = Literal(span, 0, "{\"input_data\":[");
        int v = 0;
        for (int i = 0; i < images; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }
            span[at++] = (byte)'[';
            for (int r = 0; r < 28; r++)
            {
                if (r > 0)
                {
                    span[at++] = (byte)',';
                }
                span[at++] = (byte)'[';
                for (int c = 0; c < 28; c++)
                {
                    if (c > 0)
                    {
                        span[at++] = (byte)',';
                    }
                    at += TNumbers.Single(values[v++], span[at..]);
                }
                span[at++] = (byte)']';
            }
            span[at++] = (byte)']';
        }
        return Literal(span, at, "]}");
    }

    private static int FormatRecords<TNumbers>(byte[] buffer, HeartRecord[] records)
        where TNumbers : INumberFormat
    {
        Span<byte> span = buffer;
        int at = Literal(span, 0, "{\"input_data\":{\"columns\":[");
        for (int c = 0; c < HeartRecord.ColumnNames.Length; c++)
        {
            at = Literal(span, at, c == 0 ? "\"" : ",\"");
            at += Encoding.UTF8.GetBytes(HeartRecord.ColumnNames[c], span[at..]);
            span[at++] = (byte)'"';
        }
        at = Literal(span, at, "],\"data\":[");
        for (int r = 0; r < records.Length; r++)
        {
            HeartRecord h = records[r];
            span[at++] = (byte)(r > 0 ? ',' : '[');
            if (r > 0)
            {
                span[at++] = (byte)'[';
            }
            at = Int(span, at, h.Age, false);
            at = Int(span, at, h.Sex, true);
            at = Int(span, at, h.Cp, true);
            at = Int(span, at, h.Trestbps, true);
            at = Int(span, at, h.Chol, true);
            at = Int(span, at, h.Fbs, true);
            at = Int(span, at, h.Restecg, true);
            at = Int(span, at, h.Thalach, true);
            at = Int(span, at, h.Exang, true);
            span[at++] = (byte)',';
            at += TNumbers.Double(h.Oldpeak, span[at..]);
            at = Int(span, at, h.Slope, true);
            at = Literal(span, at, ",\"");
            at += Encoding.UTF8.GetBytes(h.Thal, span[at..]);
            at = Literal(span, at, "\"]");
        }
        at = Literal(span, at, "],\"index\":[");
        at = FormatIndex(span, at, records.Length);
        return Literal(span, at, "]}}");
    }

    private static int Int(Span<byte> span, int at, int value, bool comma)
    {
        if (comma)
        {
            span[at++] = (byte)',';
        }
        Utf8Formatter.TryFormat(value, span[at..], out int written);
        return at + written;
    }

    private static int FormatIndex(Span<byte> span, int at, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            if (r > 0)
            {
                span[at++] = (byte)',';
            }
            Utf8Formatter.TryFormat(r, span[at..], out int written);
            at += written;
        }
        return at;
    }

    private static int Literal(Span<byte> span, int at, string ascii)
    {
        for (int i = 0; i < ascii.Length; i++)
        {
            span[at + i] = (byte)ascii[i];
        }
        return at + ascii.Length;
    }

    // ---- the Utf8JsonWriter loop: the same document through the writer's WriteNumberValue ----

    private static int WriteDataFrame(ArrayBufferWriter<byte> buffer, string[] names, double[][] columns)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartObject("input_data");
        writer.WriteStartArray("columns");
        foreach (string name in names)
        {
            writer.WriteStringValue(name);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("data");
        int rows = columns[0].Length;
        for (int r = 0; r < rows; r++)
        {
            writer.WriteStartArray();
            for (int c = 0; c < columns.Length; c++)
            {
                writer.WriteNumberValue(columns[c][r]);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        WriteIndex(writer, rows);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenCount;
    }

    private static int WriteTensor(ArrayBufferWriter<byte> buffer, float[] values, int images)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartArray("input_data");
        int v = 0;
        for (int i = 0; i < images; i++)
        {
            writer.WriteStartArray();
            for (int r = 0; r < 28; r++)
            {
                writer.WriteStartArray();
                for (int c = 0; c < 28; c++)
                {
                    writer.WriteNumberValue(values[v++]);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenCount;
    }

    private static int WriteRecords(ArrayBufferWriter<byte> buffer, HeartRecord[] records)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartObject("input_data");
        writer.WriteStartArray("columns");
        foreach (string name in HeartRecord.ColumnNames)
        {
            writer.WriteStringValue(name);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("data");
        foreach (HeartRecord h in records)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(h.Age);
            writer.WriteNumberValue(h.Sex);
            writer.WriteNumberValue(h.Cp);
            writer.WriteNumberValue(h.Trestbps);
            writer.WriteNumberValue(h.Chol);
            writer.WriteNumberValue(h.Fbs);
            writer.WriteNumberValue(h.Restecg);
            writer.WriteNumberValue(h.Thalach);
            writer.WriteNumberValue(h.Exang);
            writer.WriteNumberValue(h.Oldpeak);
            writer.WriteNumberValue(h.Slope);
            writer.WriteStringValue(h.Thal);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        WriteIndex(writer, records.Length);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenCount;
    }

    private static void WriteIndex(Utf8JsonWriter writer, int rows)
    {
        writer.WriteStartArray("index");
        for (int r = 0; r < rows; r++)
        {
            writer.WriteNumberValue(r);
        }
        writer.WriteEndArray();
    }
}

/// <summary>How a bare loop formats floating-point numbers (integers always go through <see cref="Utf8Formatter"/>, as in the SDK).</summary>
internal interface INumberFormat
{
    static abstract int Double(double value, Span<byte> destination);

    static abstract int Single(float value, Span<byte> destination);
}

/// <summary>The SDK's formatter (shortest round-trip text, <c>.0</c> on integral values): the floor.</summary>
internal readonly struct SdkNumbers : INumberFormat
{
    public static int Double(double value, Span<byte> destination) => JsonNumbers.FormatDouble(value, destination);

    public static int Single(float value, Span<byte> destination) => JsonNumbers.FormatSingle(value, destination);
}

/// <summary>The runtime's <see cref="Utf8Formatter"/>: a reference.</summary>
internal readonly struct RuntimeNumbers : INumberFormat
{
    public static int Double(double value, Span<byte> destination) => Utf8Formatter.TryFormat(value, destination, out int written) ? written : throw new InvalidOperationException("No room.");

    public static int Single(float value, Span<byte> destination) => Utf8Formatter.TryFormat(value, destination, out int written) ? written : throw new InvalidOperationException("No room.");
}

/// <summary><c>{"input_data": ...}</c>, the Azure ML envelope.</summary>
public sealed class Envelope<T>
{
    [JsonPropertyName("input_data")][NewtonsoftProperty("input_data")] public required T InputData { get; init; }
}

/// <summary>A DataFrame in split orientation, as plain objects.</summary>
public sealed class SplitFrame<TRow>
{
    [JsonPropertyName("columns")][NewtonsoftProperty("columns")] public required string[] Columns { get; init; }
    [JsonPropertyName("data")][NewtonsoftProperty("data")] public required TRow[] Data { get; init; }
    [JsonPropertyName("index")][NewtonsoftProperty("index")] public required int[] Index { get; init; }
}
