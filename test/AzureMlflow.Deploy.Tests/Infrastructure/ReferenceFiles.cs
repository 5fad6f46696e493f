namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>Locates <c>../shared/reference</c> (beside the repository) whatever folder the tests run from.</summary>
internal static class ReferenceFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "reference");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/reference was not found above " + AppContext.BaseDirectory);
    });

    public static string PathOf(string relative) => Path.Combine(Root.Value, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
