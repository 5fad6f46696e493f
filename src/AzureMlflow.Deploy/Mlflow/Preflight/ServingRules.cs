using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AzureMlflow.Deploy.Mlflow;

/// <summary>
/// The table of known serving failures (<c>ServingRules.json</c>, embedded): data, so a rule is added or retired
/// without touching code. Each rule's <c>when</c> is a conjunction of the tests documented at the top of the file.
/// </summary>
internal static class ServingRules
{
    private static readonly Lazy<IReadOnlyList<RuleData>> Table = new(Load);

    public static IReadOnlyList<RuleData> All => Table.Value;

    public static IReadOnlyList<PreflightFinding> Evaluate(MlflowModel model, ModelEnvironmentFiles files, bool explicitEnvironment)
    {
        var findings = new List<PreflightFinding>();
        foreach (RuleData rule in All)
        {
            if (Matches(rule.When!, model, files, explicitEnvironment, out Dictionary<string, string> values))
            {
                string message = values.Aggregate(rule.Message!, (text, value) => text.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));
                findings.Add(new PreflightFinding(rule.Id!, rule.Severity == "error" ? PreflightSeverity.Error : PreflightSeverity.Warning, message,
                    new Uri(rule.Source!), DateOnly.ParseExact(rule.Date!, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }
        return findings;
    }

    private static bool Matches(WhenData when, MlflowModel model, ModelEnvironmentFiles files, bool explicitEnvironment, out Dictionary<string, string> values)
    {
        values = [];
        if (when.ExplicitEnvironment is { } wantsExplicit && wantsExplicit != explicitEnvironment)
        {
            return false;
        }
        if (when.Flavor is { } flavor && !model.Flavors.ContainsKey(flavor))
        {
            return false;
        }
        List<PackagePin> installed = [.. files.Installed];
        // A model without environment files gives nothing to judge a missing package by.
        if (when.Missing is { Count: > 0 } missing && (installed.Count == 0 || installed.Any(p => missing.Select(PackagePin.Normalize).Contains(p.Name))))
        {
            return false;
        }
        if (when.Python is { } python)
        {
            PackagePin? pin = installed.FirstOrDefault(p => p.Name == "python") ?? files.Pins.FirstOrDefault(p => p.Name == "python");
            if (pin?.Effective is not { } version || !InRange(version, null, python.Below))
            {
                return false;
            }
            values["python"] = pin.ExactText.Length > 0 ? pin.ExactText : version.ToString();
        }
        if (when.Package is { } package)
        {
            PackagePin? pin = installed.FirstOrDefault(p => p.Name == PackagePin.Normalize(package));
            if (pin is null)
            {
                return false;
            }
            if (when.Unpinned is { } unpinned && unpinned != pin.Unpinned)
            {
                return false;
            }
            if ((when.AtLeast is not null || when.Below is not null) && (pin.Effective is not { } version || !InRange(version, when.AtLeast, when.Below)))
            {
                return false;
            }
            values["version"] = pin.ExactText.Length > 0 ? pin.ExactText : pin.Effective?.ToString() ?? "any";
        }
        if (when.ConflictingPins == true)
        {
            var conflict = files.Pins.Where(p => p.ExactText.Length > 0)
                .GroupBy(p => p.Name)
                .Select(g => (Name: g.Key, Versions: g.Select(p => $"{p.ExactText} in {p.File}").Distinct().ToList(), Distinct: g.Select(p => p.Exact).Distinct().Count()))
                .FirstOrDefault(g => g.Distinct > 1);
            if (conflict.Name is null)
            {
                return false;
            }
            values["package"] = conflict.Name;
            values["versions"] = string.Join(", ", conflict.Versions);
        }
        return true;
    }

    private static bool InRange(Version version, string? atLeast, string? below) =>
        (atLeast is null || version >= PackagePin.ParseVersion(atLeast)) && (below is null || version < PackagePin.ParseVersion(below));

    private static IReadOnlyList<RuleData> Load()
    {
        using Stream stream = typeof(ServingRules).Assembly.GetManifestResourceStream("AzureMlflow.Deploy.Mlflow.Preflight.ServingRules.json")
            ?? throw new InvalidOperationException("The serving rules table is missing from the assembly.");
        return JsonSerializer.Deserialize(stream, ServingRulesJsonContext.Default.RulesFileData)?.Rules ?? [];
    }
}

internal sealed class RulesFileData
{
    public List<RuleData>? Rules { get; set; }
}

internal sealed class RuleData
{
    public string? Id { get; set; }
    public string? Severity { get; set; }
    public WhenData? When { get; set; }
    public string? Message { get; set; }
    public string? Source { get; set; }
    public string? Date { get; set; }
}

internal sealed class WhenData
{
    public string? Package { get; set; }
    public string? AtLeast { get; set; }
    public string? Below { get; set; }
    public bool? Unpinned { get; set; }
    public PythonWhenData? Python { get; set; }
    public List<string>? Missing { get; set; }
    public string? Flavor { get; set; }
    public bool? ConflictingPins { get; set; }
    public bool? ExplicitEnvironment { get; set; }
}

internal sealed class PythonWhenData
{
    public string? Below { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(RulesFileData))]
internal sealed partial class ServingRulesJsonContext : JsonSerializerContext;
