using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AzureMlflow.Deploy.Benchmarks.ColdStart;

internal sealed record ColdStartResult(string Mode, double MedianProcessMs, double MedianInMainMs, int Runs, string? Error);

/// <summary>
/// Starts each child (<c>--cold-start sdk|raw</c>) several times, alternating, and keeps the median of the whole process's
/// wall time (start to exit, so runtime start-up is in both) and of the time from Main to the first response.
/// </summary>
internal static partial class ColdStartRunner
{
    public static async Task<List<ColdStartResult>> RunAsync(string infoPath, int runs, Action<string> log)
    {
        var wall = new Dictionary<string, List<double>> { ["raw"] = [], ["sdk"] = [] };
        var inMain = new Dictionary<string, List<double>> { ["raw"] = [], ["sdk"] = [] };
        var errors = new Dictionary<string, string?> { ["raw"] = null, ["sdk"] = null };
        for (int run = -1; run < runs; run++) // run -1 warms the disk cache for both
        {
            foreach (string mode in new[] { "raw", "sdk" })
            {
                var stopwatch = Stopwatch.StartNew();
                (int exit, string output) = await ChildProcesses.RunAsync(ChildProcesses.Self("--cold-start", mode, infoPath), TimeSpan.FromMinutes(1));
                stopwatch.Stop();
                Match match = MainToResponse().Match(output);
                if (exit != 0 || !match.Success)
                {
                    errors[mode] ??= $"exit {exit}: {output.Split('\n')[0]}";
                    continue;
                }
                if (run >= 0)
                {
                    wall[mode].Add(stopwatch.Elapsed.TotalMilliseconds);
                    inMain[mode].Add(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }
        }
        var results = new List<ColdStartResult>();
        foreach (string mode in new[] { "raw", "sdk" })
        {
            var result = new ColdStartResult(mode, Median(wall[mode]), Median(inMain[mode]), wall[mode].Count, errors[mode]);
            log($"  cold start {mode}: process {result.MedianProcessMs:F0} ms, Main to first response {result.MedianInMainMs:F0} ms (median of {result.Runs}){(result.Error is null ? "" : "  ERROR " + result.Error)}");
            results.Add(result);
        }
        return results;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    [GeneratedRegex(@"main_to_response_ms=([0-9.]+)")]
    private static partial Regex MainToResponse();
}
