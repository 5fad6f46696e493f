using System.Collections.Immutable;
using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>
/// The C# blocks of README and of every page under docs/ compile against this build of the SDK, the emulator and the
/// Aspire integrations, so an API change cannot leave them stale. Each block becomes the body of an async method; a
/// block that uses <c>ml</c> without declaring it continues the block before it (README's batch example goes on from
/// the quick start). <c>services</c> and <c>configuration</c>, which the dependency-injection example takes from the
/// host, and <c>args</c>, which the Aspire examples take from Main, are parameters.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    /// <summary>The implicit usings of a console app; the blocks' own <c>using</c> lines are added to these.</summary>
    private static readonly string[] Usings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>README and the docs pages that hold C# blocks.</summary>
    public static IEnumerable<string> Pages() =>
        ["README.md", .. Directory.GetFiles(RepositoryPaths.Combine("docs"), "*.md").Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
            .Where(p => CSharpBlock().IsMatch(File.ReadAllText(RepositoryPaths.Combine(p)))).Order(StringComparer.Ordinal)];

    [Test]
    public void TheReadmeAndTheDocsHaveCSharpBlocks()
    {
        Assert.That(Methods(File.ReadAllText(RepositoryPaths.Combine("README.md"))), Has.Count.GreaterThanOrEqualTo(5), "README's C# blocks were found");
        Assert.That(Pages().Count(), Is.GreaterThanOrEqualTo(4), "README and the docs pages with C# blocks");
    }

    [TestCaseSource(nameof(Pages))]
    public void EveryCSharpBlockCompiles(string page)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, page));
        List<string> methods = Methods(readme);
        IEnumerable<string> usings = Usings.Select(u => $"using {u};").Concat(UsingLine().Matches(readme).Select(m => m.Value.Trim())).Distinct();
        string source = string.Join("\n", usings) + "\n#pragma warning disable CS1998, CS0168, CS0219\n" +
            "internal static class Readme\n{\n" + string.Join("\n", methods) + "\n}\n";

        CSharpCompilation compilation = CSharpCompilation.Create(
            "ReadmeSnippets",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview))],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        ImmutableArray<Diagnostic> errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

        Assert.That(errors.Select(e => $"{e.GetMessage()} in: {Line(source, e)}"), Is.Empty);
    }

    private static List<string> Methods(string readme)
    {
        var methods = new List<string>();
        int index = 0;
        foreach (Match block in CSharpBlock().Matches(readme))
        {
            string body = UsingLine().Replace(block.Groups[1].Value, string.Empty);
            bool declaresClient = Regex.IsMatch(body, @"\b(var|MLClient)\s+ml\b");
            bool usesClient = Regex.IsMatch(body, @"\bml\.");
            if (usesClient && !declaresClient && methods.Count > 0)
            {
                methods[^1] = methods[^1][..methods[^1].LastIndexOf('}')] + body + "\n}";
                continue;
            }
            methods.Add($"private static async Task Block{index++}(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration, string[] args)\n{{\n{body}\n}}");
        }
        return methods;
    }

    private static IEnumerable<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.AddRange(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"));
        return paths.GroupBy(Path.GetFileName).Select(g => MetadataReference.CreateFromFile(g.First()));
    }

    private static string Line(string source, Diagnostic error) =>
        source.Split('\n')[error.Location.GetLineSpan().StartLinePosition.Line].Trim();

    [GeneratedRegex(@"^using [\w.]+;[ \t]*(//[^\n]*)?$", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"^```csharp\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();
}
