using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Conformance;

/// <summary>One step of a client's scenario as it ran: passed, or failed with the error the client raised.</summary>
internal sealed record StepResult(string Group, string Step, bool Ok, string? Error, string? Trace, double Seconds);

/// <summary>
/// The steps of an official client's scenario (read from its source, in order, so a step that never ran is still a
/// test that fails), the JSON-lines report a run wrote, and the steps listed as client-limited.
/// </summary>
internal static partial class ScenarioSteps
{
    public static string Folder => RepositoryPaths.Combine("test", "conformance");

    [GeneratedRegex(@"step\(""(?<group>[^""]+)"", ""(?<step>[^""]+)""")]
    private static partial Regex Registration();

    [GeneratedRegex(@"^\|\s*(?<client>python|js)\s*\|\s*(?<step>[^|]+?)\s*\|\s*(?<why>[^|]+?)\s*\|\s*`(?<shows>[^`]+)`\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex LimitedRow();

    /// <summary>The <c>group / step</c> names a scenario file registers, in order.</summary>
    public static IReadOnlyList<string> Declared(string scenarioFile) =>
        [.. Registration().Matches(File.ReadAllText(Path.Combine(Folder, scenarioFile))).Select(m => Key(m.Groups["group"].Value, m.Groups["step"].Value))];

    /// <summary>What each step of a run did, by <c>group / step</c>.</summary>
    public static Dictionary<string, StepResult> Read(string reportFile)
    {
        var results = new Dictionary<string, StepResult>(StringComparer.Ordinal);
        foreach (string line in File.Exists(reportFile) ? File.ReadLines(reportFile) : [])
        {
            if (JsonNode.Parse(line) is not JsonObject row)
            {
                continue;
            }
            var result = new StepResult((string)row["group"]!, (string)row["step"]!, (bool)row["ok"]!, (string?)row["error"], (string?)row["trace"], (double)row["seconds"]!);
            results[Key(result.Group, result.Step)] = result;
        }
        return results;
    }

    /// <summary>The client-limited steps of <c>client-limited.md</c> for a client: step, and the text its failure must show.</summary>
    public static IReadOnlyDictionary<string, string> ClientLimited(string client) =>
        LimitedRow().Matches(File.ReadAllText(Path.Combine(Folder, "client-limited.md")))
            .Where(m => m.Groups["client"].Value == client)
            .ToDictionary(m => m.Groups["step"].Value, m => m.Groups["shows"].Value, StringComparer.Ordinal);

    public static string Key(string group, string step) => $"{group} / {step}";
}
