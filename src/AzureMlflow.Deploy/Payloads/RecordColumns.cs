using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// Turns records of <typeparamref name="T"/> into typed columns. The public readable properties are found once per type
/// and bound as typed getter delegates, so rows are read without reflection and numbers without boxing.
/// </summary>
internal static class RecordColumns<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>
{
    private static readonly Func<IReadOnlyList<T>, PayloadColumn>[] Builders = Bind();

    public static DataFramePayload ToDataFrame(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        IReadOnlyList<T> rows = records as IReadOnlyList<T> ?? records.ToList();
        if (rows.Any(r => r is null))
        {
            throw new PayloadValidationException($"The records of {typeof(T).Name} include null.");
        }
        return new DataFramePayload(Builders.Select(build => build(rows)).ToList(), null);
    }

    private static Func<IReadOnlyList<T>, PayloadColumn>[] Bind()
    {
        var builders = new List<Func<IReadOnlyList<T>, PayloadColumn>>();
        foreach (PropertyInfo property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetMethod is not { } getter || property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }
            string name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            Type type = property.PropertyType;
            builders.Add(type switch
            {
                _ when type == typeof(double) => Column<double>(name, getter, PayloadColumn.Create),
                _ when type == typeof(float) => Column<float>(name, getter, PayloadColumn.Create),
                _ when type == typeof(long) => Column<long>(name, getter, PayloadColumn.Create),
                _ when type == typeof(int) => Column<int>(name, getter, PayloadColumn.Create),
                _ when type == typeof(bool) => Column<bool>(name, getter, PayloadColumn.Create),
                _ when type == typeof(string) => Column<string?>(name, getter, PayloadColumn.Create),
                _ when type == typeof(DateTime) => Column<DateTime>(name, getter, PayloadColumn.Create),
                _ => rows => PayloadColumn.Create(name, rows.Select(r => getter.Invoke(r, null)).ToList()),
            });
        }
        if (builders.Count == 0)
        {
            throw new PayloadValidationException($"{typeof(T).Name} has no public readable properties to send as columns.");
        }
        return [.. builders];
    }

    private static Func<IReadOnlyList<T>, PayloadColumn> Column<TValue>(string name, MethodInfo getter, Func<string, TValue[], PayloadColumn> create)
    {
        // Bound once: a direct call per row for classes; structs go through a boxed invoke (rare for records).
        Func<T, TValue> read = typeof(T).IsValueType
            ? record => (TValue)getter.Invoke(record, null)!
            : getter.CreateDelegate<Func<T, TValue>>();
        return rows =>
        {
            var values = new TValue[rows.Count];
            if (rows is T[] array)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = read(array[i]); // no interface call per row for the common array case
                }
            }
            else
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = read(rows[i]);
                }
            }
            return create(name, values);
        };
    }
}
