using AzureMlflow.Deploy.Storage;

namespace AzureMlflow.Deploy.Tests.Upload;

/// <summary>gitwildmatch as pathspec (and so the Python SDK) applies it; expectations follow git's gitignore documentation.</summary>
public sealed class IgnoreRulesTests
{
    [TestCase("*.tmp", "a.tmp", true)]
    [TestCase("*.tmp", "deep/er/a.tmp", true, Description = "no slash: any depth")]
    [TestCase("*.tmp", "a.tmp.keep", false)]
    [TestCase("logs/", "logs/a.txt", true)]
    [TestCase("logs/", "x/logs/a.txt", true)]
    [TestCase("logs/", "logs", false, Description = "a trailing slash matches what is inside, not the bare path")]
    [TestCase("logs", "logs", true)]
    [TestCase("logs", "logs/a.txt", true, Description = "a name matches everything under it")]
    [TestCase("logs", "catalogs", false)]
    [TestCase("/model.pkl", "model.pkl", true)]
    [TestCase("/model.pkl", "sub/model.pkl", false, Description = "a leading slash anchors to the root")]
    [TestCase("data/*.csv", "data/x.csv", true)]
    [TestCase("data/*.csv", "other/data/x.csv", false, Description = "a middle slash anchors too")]
    [TestCase("data/*.csv", "data/sub/x.csv", false, Description = "* does not cross folders")]
    [TestCase("**/cache", "a/b/cache", true)]
    [TestCase("**/cache", "cache", true)]
    [TestCase("a/**/b", "a/b", true)]
    [TestCase("a/**/b", "a/x/y/b", true)]
    [TestCase("out/**", "out/x/y", true)]
    [TestCase("out/**", "out", false)]
    [TestCase("file?.txt", "file1.txt", true)]
    [TestCase("file?.txt", "file10.txt", false)]
    [TestCase("file[0-9].txt", "file7.txt", true)]
    [TestCase("file[!0-9].txt", "file7.txt", false)]
    [TestCase("file[!0-9].txt", "fileA.txt", true)]
    [TestCase("\\#hash", "#hash", true, Description = "escaped comment character")]
    [TestCase("# comment", "# comment", false)]
    [TestCase("trailing   ", "trailing", true, Description = "trailing spaces are stripped")]
    public void SinglePatterns(string pattern, string path, bool excluded) =>
        Assert.That(IgnoreRules.Parse([pattern]).IsExcluded(path), Is.EqualTo(excluded));

    [Test]
    public void TheLastMatchingPatternWins()
    {
        IgnoreRules rules = IgnoreRules.Parse(["*.bin", "!keep.bin", "", "# comment"]);
        Assert.That(rules.IsExcluded("drop.bin"), Is.True);
        Assert.That(rules.IsExcluded("keep.bin"), Is.False);
        Assert.That(rules.IsExcluded("sub/keep.bin"), Is.False);
    }

    [Test]
    public void AmlignoreWinsOverGitignoreAndOnlyTheRootCounts()
    {
        string root = Directory.CreateTempSubdirectory("aml-ignore-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, ".gitignore"), "*.git-ignored\n");
            Assert.That(IgnoreRules.Load(root).IsExcluded("x.git-ignored"), Is.True);

            File.WriteAllText(Path.Combine(root, ".amlignore"), "*.aml-ignored\n");
            IgnoreRules rules = IgnoreRules.Load(root);
            Assert.That(rules.IsExcluded("x.aml-ignored"), Is.True);
            Assert.That(rules.IsExcluded("x.git-ignored"), Is.False);
            Assert.That(rules.Source, Does.EndWith(".amlignore"));
        }
        finally
        {
            Directory.Delete(root, true);
        }
        Assert.That(IgnoreRules.None.IsExcluded("anything"), Is.False);
    }
}
