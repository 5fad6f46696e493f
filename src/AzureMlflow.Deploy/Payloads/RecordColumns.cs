using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace AzureMlflow.Deploy.Payloads;

/// <summary>
/// Turns records of <typeparamref name="T"/> into typed columns. The public readable properties are found once per type
/// and bound as typed getter delegates; the columns read the records through them as the payload is written (no copy of
/// the values), without reflection, and numbers without boxing.
/// </summary>
internal static class RecordColumns<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>
{
    private static readonly Func<IReadOnlyList<T>, PayloadColumn>[] Builders = Bind();

    public static DataFramePayload ToDataFrame(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        IReadOnlyList<T> rows = records as IReadOnlyList<T> ?? records.ToList();
        if (!typeof(T).IsValueType && HasNull(rows))
        {
            throw new PayloadValidationException($"The records of {typeof(T).Name} include null.");
        }
        return new DataFramePayload(Builders.Select(build => build(rows)).ToList(), null);
    }

    private static bool HasNull(IReadOnlyList<T> rows)
    {
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null)
            {
                return true;
            }
        }
        return false;
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
                _ when type == typeof(double) => Column<double>(name, getter),
                _ when type == typeof(float) => Column<float>(name, getter),
                _ when type == typeof(long) => Column<long>(name, getter),
                _ when type == typeof(int) => Column<int>(name, getter),
                _ when type == typeof(bool) => Column<bool>(name, getter),
                _ when type == typeof(string) => Column<string?>(name, getter),
                _ when type == typeof(DateTime) => Column<DateTime>(name, getter),
                _ => rows => PayloadColumn.Create(name, rows.Select(r => getter.Invoke(r, null)).ToList()),
            });
        }
        if (builders.Count == 0)
        {
            throw new PayloadValidationException($"{typeof(T).Name} has no public readable properties to send as columns.");
        }
        return [.. builders];
    }

    private static Func<IReadOnlyList<T>, PayloadColumn> Column<TValue>(string name, MethodInfo getter)
    {
        // Bound once: a direct call per row for classes; structs go through a boxed invoke (rare for records).
        Func<T, TValue> read = typeof(T).IsValueType
            ? record => (TValue)getter.Invoke(record, null)!
            : getter.CreateDelegate<Func<T, TValue>>();
        return rows => PayloadColumn.OfRecords(name, rows, read);
    }
}
