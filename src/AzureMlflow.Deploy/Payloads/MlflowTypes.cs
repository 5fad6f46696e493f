using System.Text.Json;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>.NET types to MLflow column types and numpy dtypes, and writing boxed values.</summary>
internal static class MlflowTypes
{
    public static string Of(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(double) || t == typeof(decimal) => "double",
        var t when t == typeof(float) => "float",
        var t when t == typeof(long) || t == typeof(uint) => "long",
        var t when t == typeof(int) || t == typeof(short) || t == typeof(ushort) || t == typeof(byte) || t == typeof(sbyte) => "integer",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(string) || t == typeof(char) || t == typeof(Guid) => "string",
        var t when t == typeof(DateTime) || t == typeof(DateTimeOffset) => "datetime",
        var t when t == typeof(byte[]) => "binary",
        _ => "object",
    };

    public static string DType(Type type) => type switch
    {
        var t when t == typeof(double) => "float64",
        var t when t == typeof(float) => "float32",
        var t when t == typeof(long) => "int64",
        var t when t == typeof(int) => "int32",
        var t when t == typeof(short) => "int16",
        var t when t == typeof(sbyte) => "int8",
        var t when t == typeof(byte) => "uint8",
        var t when t == typeof(ushort) => "uint16",
        var t when t == typeof(uint) => "uint32",
        var t when t == typeof(ulong) => "uint64",
        var t when t == typeof(bool) => "bool",
        _ => throw new PayloadValidationException($"Tensors of {type.Name} are not supported; use a numeric type or bool."),
    };

    public static void WriteBoxed(Utf8JsonWriter writer, object? value, ScoringPayload payload, ValueLocation where)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case double d: JsonNumbers.WriteDouble(writer, d, payload.NonFiniteNumbers, where); break;
            case float f: JsonNumbers.WriteSingle(writer, f, payload.NonFiniteNumbers, where); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case short s: writer.WriteNumberValue(s); break;
            case byte b: writer.WriteNumberValue(b); break;
            case sbyte sb: writer.WriteNumberValue(sb); break;
            case ushort us: writer.WriteNumberValue(us); break;
            case uint ui: writer.WriteNumberValue(ui); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case string text: writer.WriteStringValue(text); break;
            case char c: writer.WriteStringValue(c.ToString()); break;
            case Guid g: writer.WriteStringValue(g); break;
            case DateTime dt: writer.WriteStringValue(dt); break;
            case DateTimeOffset dto: writer.WriteStringValue(dto); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            default: throw new PayloadValidationException($"{where} has a value of type {value.GetType().Name}, which cannot be sent; use numbers, booleans, strings or timestamps.");
        }
    }
}
