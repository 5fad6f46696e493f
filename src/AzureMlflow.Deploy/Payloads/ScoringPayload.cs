using System.Buffers;
using System.Text.Json;
using AzureMlflow.Deploy.Mlflow;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// A scoring request body for an MLflow model: a DataFrame (split or records orientation), a tensor, or named tensors,
/// plus optional <see cref="Params"/>. It is written straight to UTF-8 (into a pooled buffer, a stream or an
/// <see cref="HttpContent"/> that streams), in Azure ML's <c>{"input_data": ...}</c> envelope or the formats of
/// <c>mlflow models serve</c>, and can be checked against the model's signature before anything is sent.
/// </summary>
public abstract class ScoringPayload
{
    private const int FlushThreshold = 64 * 1024;

    private protected ScoringPayload()
    {
    }

    /// <summary>What to do with NaN and infinities (null by default, as pandas writes).</summary>
    public NonFiniteNumberHandling NonFiniteNumbers { get; set; } = NonFiniteNumberHandling.WriteNull;

    /// <summary>Inference parameters sent as <c>params</c> (MLflow 2.6+ models with a params schema): numbers, booleans, strings, or arrays of them.</summary>
    public IDictionary<string, object?> Params { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>A DataFrame from typed columns (all of the same length).</summary>
    /// <param name="columns">The columns, in order.</param>
    public static DataFramePayload FromColumns(params PayloadColumn[] columns) => new(columns, null);

    /// <summary>A DataFrame from rows of values (numbers, booleans, strings, timestamps, null).</summary>
    /// <param name="columns">The column names.</param>
    /// <param name="rows">The rows, each with one value per column.</param>
    public static DataFramePayload FromRows(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows) => DataFramePayload.BuildFromRows(columns, rows);

    /// <summary>
    /// A DataFrame from objects: each public readable property becomes a column (in declaration order, named as the
    /// property, or by <c>[JsonPropertyName]</c>). Property getters are bound once per type, not looked up per row.
    /// The values are not copied: the payload reads the records each time it is written (a retry writes it again), so
    /// leave them unchanged while the payload is in use.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records.</param>
    public static DataFramePayload FromRecords<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)] T>(IEnumerable<T> records) =>
        RecordColumns<T>.ToDataFrame(records);

    /// <summary>A DataFrame from CSV text with a header row (numbers become double columns, true/false booleans, the rest strings).</summary>
    /// <param name="reader">The CSV text.</param>
    public static DataFramePayload FromCsv(TextReader reader) => CsvReader.Read(reader);

    /// <summary>A DataFrame from a CSV file with a header row.</summary>
    /// <param name="path">The file.</param>
    public static DataFramePayload FromCsvFile(string path)
    {
        using var reader = new StreamReader(path);
        return CsvReader.Read(reader);
    }

    /// <summary>A single tensor from a rectangular array of any rank (<c>float[,,]</c>), a jagged array (<c>float[][]</c>) or a flat array (rank 1).</summary>
    /// <param name="values">The array.</param>
    public static TensorPayload FromTensor(Array values) => new([PayloadTensor.FromArray(null, values)], named: false);

    /// <summary>A single tensor from row-major values and a shape.</summary>
    /// <typeparam name="T">A numeric type or bool.</typeparam>
    /// <param name="values">The values, row-major.</param>
    /// <param name="shape">The shape; its product must equal the number of values. None means a flat list (rank 1).</param>
    public static TensorPayload FromTensor<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged =>
        new([PayloadTensor.Create(null, values, shape is { Length: > 0 } ? shape : [values.Length])], named: false);

    /// <summary>Named tensors, for models whose signature names several tensor inputs.</summary>
    /// <param name="tensors">The tensors; each has a <see cref="PayloadTensor.Name"/>.</param>
    public static TensorPayload FromNamedTensors(params PayloadTensor[] tensors) => new(tensors, named: true);

    /// <summary>Checks the payload against the model's input signature (and params schema) and throws if it does not fit.</summary>
    /// <param name="signature">The signature, from <see cref="MlflowModel.Signature"/>.</param>
    /// <exception cref="PayloadValidationException">The payload does not fit, with what and how to fix it.</exception>
    public void Validate(MlflowSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Inputs is { } inputs)
        {
            ValidateInputs(inputs);
        }
        SignatureChecks.Params(Params, signature.Params);
    }

    private protected abstract void ValidateInputs(MlflowSchema inputs);

    /// <summary>Writes the body with <paramref name="writer"/>.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="format">Azure ML's envelope or <c>mlflow models serve</c>.</param>
    public void WriteTo(Utf8JsonWriter writer, PayloadFormat format = PayloadFormat.AzureML) =>
        WriteAsync(writer, format, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Writes the body to a stream as UTF-8, flushing as it goes so memory stays bounded for large payloads.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="format">Azure ML's envelope or <c>mlflow models serve</c>.</param>
    public void WriteTo(Stream stream, PayloadFormat format = PayloadFormat.AzureML)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
        WriteTo(writer, format);
    }

    /// <summary>Writes the body to a stream as UTF-8, flushing asynchronously as it goes.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="format">Azure ML's envelope or <c>mlflow models serve</c>.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    public async Task WriteToAsync(Stream stream, PayloadFormat format = PayloadFormat.AzureML, CancellationToken cancellationToken = default)
    {
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
        await WriteAsync(writer, format, async: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body as bytes.</summary>
    /// <param name="format">Azure ML's envelope or <c>mlflow models serve</c>.</param>
    public BinaryData ToBinaryData(PayloadFormat format = PayloadFormat.AzureML)
    {
        // Sized from the payload's own estimate (with a little room), so the body is allocated about once.
        long expected = EstimatedBodyLength;
        var buffer = new PayloadBufferWriter(expected + (expected / 32) + 256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            WriteTo(writer, format);
        }
        return new BinaryData(buffer.WrittenMemory);
    }

    /// <summary>About how many bytes the input's JSON takes, for sizing <see cref="ToBinaryData"/>'s buffer.</summary>
    private protected virtual long EstimateJsonLength() => 4096;

    /// <summary>About how many bytes the body takes (the input's estimate and the params), to decide whether to buffer it.</summary>
    internal long EstimatedBodyLength => EstimateJsonLength() + 64 + (Params.Count * 64L);

    /// <summary>The body as a JSON string (for logging or tests; use <see cref="ToHttpContent"/> or <see cref="ToBinaryData"/> to send).</summary>
    /// <param name="format">Azure ML's envelope or <c>mlflow models serve</c>.</param>
    public string ToJson(PayloadFormat format = PayloadFormat.AzureML) => ToBinaryData(format).ToString();

    /// <summary>An <see cref="HttpContent"/> that writes the body straight to the connection (no intermediate string or array).</summary>
    /// <param name="format">Azure ML's envelope or <c>mlflow models serve</c>.</param>
    public HttpContent ToHttpContent(PayloadFormat format = PayloadFormat.AzureML) => new PayloadHttpContent(this, format);

    /// <summary>Writes the body as CSV (DataFrames only), for <c>mlflow models serve</c> with <c>text/csv</c> and for batch inputs.</summary>
    /// <param name="writer">Where to write.</param>
    public virtual void WriteCsv(TextWriter writer) =>
        throw new NotSupportedException("Only DataFrame payloads can be written as CSV.");

    internal async ValueTask WriteAsync(Utf8JsonWriter writer, PayloadFormat format, bool async, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(format == PayloadFormat.AzureML ? "input_data" : ServeKey);
        await WriteInputAsync(writer, async, cancellationToken).ConfigureAwait(false);
        if (Params.Count > 0)
        {
            writer.WritePropertyName("params");
            writer.WriteStartObject();
            foreach ((string name, object? value) in Params)
            {
                writer.WritePropertyName(name);
                WriteParam(writer, name, value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        await FlushAsync(writer, async, cancellationToken, force: true).ConfigureAwait(false);
    }

    /// <summary>The top-level key <c>mlflow models serve</c> expects for this kind of input.</summary>
    private protected abstract string ServeKey { get; }

    private protected abstract ValueTask WriteInputAsync(Utf8JsonWriter writer, bool async, CancellationToken cancellationToken);

    /// <summary>Hands buffered bytes to the stream once enough has accumulated, so streaming stays within a constant buffer.</summary>
    private protected static ValueTask FlushAsync(Utf8JsonWriter writer, bool async, CancellationToken cancellationToken, bool force = false)
    {
        if (!force && writer.BytesPending < FlushThreshold)
        {
            return ValueTask.CompletedTask;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (async)
        {
            return new ValueTask(writer.FlushAsync(cancellationToken));
        }
        writer.Flush();
        return ValueTask.CompletedTask;
    }

    private void WriteParam(Utf8JsonWriter writer, string name, object? value)
    {
        if (value is System.Collections.IEnumerable list and not string)
        {
            writer.WriteStartArray();
            int i = 0;
            foreach (object? item in list)
            {
                MlflowTypes.WriteBoxed(writer, item, this, new ValueLocation("Param", name, i++));
            }
            writer.WriteEndArray();
            return;
        }
        MlflowTypes.WriteBoxed(writer, value, this, new ValueLocation("Param", name, 0));
    }
}
