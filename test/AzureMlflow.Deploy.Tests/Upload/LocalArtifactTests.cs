using AzureMlflow.Deploy.Storage;

namespace AzureMlflow.Deploy.Tests.Upload;

/// <summary>What a local folder uploads, in which order, and what is refused before any request.</summary>
public sealed class LocalArtifactTests
{
    private string _root = null!;

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("aml-artifact-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_root, recursive: true);

    [Test]
    public void FilesAreInOrdinalOrderAndTheFirstIsTheIndicator()
    {
        string model = Folder("model", "conda.yaml", "MLmodel", "sub/x", "sub-a", "model.pkl");

        LocalArtifact artifact = LocalArtifact.Scan(model, IgnoreRules.None);

        Assert.That(artifact.RootName, Is.EqualTo("model"));
        Assert.That(artifact.IsDirectory, Is.True);
        // Python sorts the absolute paths: 'M' < 'c' < 'm', and '-' (0x2D) < '/' (0x2F).
        Assert.That(artifact.Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "MLmodel", "conda.yaml", "model.pkl", "sub-a", "sub/x" }));
        Assert.That(artifact.TotalBytes, Is.EqualTo(artifact.Files.Sum(f => f.Length)));
    }

    [Test]
    public void IgnoredFilesAreLeftOut()
    {
        string model = Folder("model", "MLmodel", "logs/a.log", "keep/b.txt", "x.tmp");
        LocalArtifact artifact = LocalArtifact.Scan(model, IgnoreRules.Parse(["logs/", "*.tmp"]));
        Assert.That(artifact.Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "MLmodel", "keep/b.txt" }));
    }

    [Test]
    public void ASingleFileIsItsOwnArtifact()
    {
        string model = Folder("model", "weights.onnx");
        LocalArtifact artifact = LocalArtifact.Scan(Path.Combine(model, "weights.onnx"), IgnoreRules.None);
        Assert.That((artifact.RootName, artifact.IsDirectory, artifact.Files.Single().RelativePath), Is.EqualTo(("weights.onnx", false, "weights.onnx")));
    }

    [Test]
    public void EmptyAndAllIgnoredFoldersAreRefused()
    {
        string empty = Folder("empty");
        Assert.That(() => LocalArtifact.Scan(empty, IgnoreRules.None), Throws.ArgumentException.With.Message.Contains("is empty"));

        string ignored = Folder("ignored", "a.tmp");
        Assert.That(() => LocalArtifact.Scan(ignored, IgnoreRules.Parse(["*.tmp"])), Throws.ArgumentException.With.Message.Contains("excluded"));

        Assert.That(() => LocalArtifact.Scan(Path.Combine(_root, "missing"), IgnoreRules.None), Throws.ArgumentException.With.Message.Contains("No such file or directory"));
    }

    [Test]
    public void SymlinksInsideAreFollowedAndOutsideAreRefused()
    {
        string model = Folder("model", "MLmodel", "real/w.bin");
        string outside = Folder("outside", "secret.txt");
        if (!TryLink(Path.Combine(model, "alias"), Path.Combine(model, "real")))
        {
            Assert.Ignore("This system does not allow creating symbolic links.");
        }
        Assert.That(LocalArtifact.Scan(model, IgnoreRules.None).Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "MLmodel", "alias/w.bin", "real/w.bin" }));

        File.CreateSymbolicLink(Path.Combine(model, "leak.txt"), Path.Combine(outside, "secret.txt"));
        Assert.That(() => LocalArtifact.Scan(model, IgnoreRules.None), Throws.ArgumentException.With.Message.Contains("points outside the model folder"));
    }

    [Test]
    public void ASymlinkLoopIsRefusedRatherThanFollowedForever()
    {
        string model = Folder("model", "MLmodel", "a/b.txt");
        if (!TryLink(Path.Combine(model, "a", "loop"), Path.Combine(model, "a")))
        {
            Assert.Ignore("This system does not allow creating symbolic links.");
        }
        Assert.That(() => LocalArtifact.Scan(model, IgnoreRules.None), Throws.ArgumentException.With.Message.Contains("loop"));
    }

    private string Folder(string name, params string[] files)
    {
        string folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        foreach (string file in files)
        {
            string path = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file);
        }
        return folder;
    }

    private static bool TryLink(string link, string target)
    {
        try
        {
            Directory.CreateSymbolicLink(link, target);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
