using System.Xml;

namespace AzureMlflow.Deploy.Wire;

/// <summary>
/// ISO-8601 durations as the service sends them (<c>PT1M</c>, <c>PT0.5S</c>). Unlike the Python SDK, which rounds to whole
/// milliseconds on the way in and whole seconds on the way out, sub-second values survive the round trip.
/// </summary>
internal static class IsoDuration
{
    public static string? Format(TimeSpan? value) => value is { } v ? XmlConvert.ToString(v) : null;

    public static TimeSpan? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            return XmlConvert.ToTimeSpan(value);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"'{value}' is not an ISO-8601 duration.", ex);
        }
    }
}
