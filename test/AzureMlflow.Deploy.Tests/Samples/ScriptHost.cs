using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using AzureMlflow.Deploy.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Scripting;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>The globals dotnet-script gives a script: its arguments.</summary>
public sealed class ScriptGlobals(IList<string> args)
{
    /// <summary>The arguments after <c>--</c>.</summary>
    public IList<string> Args { get; } = args;
}

/// <summary>
/// Runs <c>.csx</c> files the way dotnet-script does (Roslyn C# scripting, <c>#load</c>, <c>Args</c>), resolving
/// <c>#r "nuget: Id, Version"</c> to the assemblies this test run built or restored, after checking that the version
/// the script asks for is the one the repository builds or pins.
/// </summary>
internal static class ScriptHost
{
    public static async Task RunAsync(string scriptPath, params string[] args)
    {
        string code = await File.ReadAllTextAsync(scriptPath);
        ScriptOptions options = ScriptOptions.Default
            .WithFilePath(scriptPath)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, Path.GetDirectoryName(scriptPath)))
            .WithMetadataResolver(new NuGetDirectiveResolver())
            .WithEmitDebugInformation(true);
        await CSharpScript.RunAsync(code, options, new ScriptGlobals(args), typeof(ScriptGlobals));
    }

    private sealed class NuGetDirectiveResolver : MetadataReferenceResolver
    {
        private static readonly Dictionary<string, (Assembly Root, Func<string> ExpectedVersion)> Packages = new(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureMlflow.Deploy"] = (typeof(MLClient).Assembly, () => typeof(MLClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0]),
            ["Azure.Identity"] = (typeof(Azure.Identity.DefaultAzureCredential).Assembly, () => RepositoryPaths.PinnedVersion("Azure.Identity")),
        };

        public override bool Equals(object? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => 0;

        public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
        {
            if (!reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            {
                return ScriptMetadataResolver.Default.ResolveReference(reference, baseFilePath, properties);
            }
            string[] parts = reference["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !Packages.TryGetValue(parts[0], out var package))
            {
                throw new AssertionException($"{baseFilePath}: unexpected package reference '{reference}'.");
            }
            string expected = package.ExpectedVersion();
            if (parts[1] != expected)
            {
                throw new AssertionException($"{baseFilePath} references {parts[0]} {parts[1]}, but the repository builds or pins {expected}.");
            }
            // Roslyn binds one assembly per #r; the package's dependencies come in through ResolveMissingAssembly.
            return [MetadataReference.CreateFromFile(package.Root.Location)];
        }

        public override bool ResolveMissingAssemblies => true;

        /// <summary>A dependency of a referenced package assembly, as a package restore would bring it.</summary>
        public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
        {
            try
            {
                Assembly assembly = Assembly.Load(referenceIdentity.Name);
                return assembly.Location.Length == 0 ? null : MetadataReference.CreateFromFile(assembly.Location);
            }
            catch (FileNotFoundException)
            {
                return null; // an optional dependency that is not deployed beside the tests; the script cannot need it
            }
        }
    }
}
