namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>
/// The public example files the reader tests take as input (CLI YAML, MLmodel, REST shapes, scoring requests), kept
/// unchanged in <c>TestData/Examples</c> with their provenance.
/// </summary>
internal static class ExampleFiles
{
    public static string PathOf(string relative) => RepositoryPaths.Combine(["test", "AzureMlflow.Deploy.Tests", "TestData", "Examples", .. relative.Split('/')]);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
