namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>The repository the tests were built from (the folder holding AzureMlflow.Deploy.sln).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AzureMlflow.Deploy.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("The repository root (AzureMlflow.Deploy.sln) was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootFolder.Value;

    /// <summary>The build configuration of this test run (bin/&lt;Configuration&gt;/&lt;tfm&gt;).</summary>
    public static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The version Directory.Packages.props pins for a package.</summary>
    public static string PinnedVersion(string package) =>
        System.Xml.Linq.XDocument.Load(Combine("Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!.Value;
}
