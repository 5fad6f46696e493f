using AzureMlflow.Deploy.Storage;

namespace AzureMlflow.Deploy.Tests.Upload;

/// <summary>
/// The content hash must equal the Python SDK's get_object_hash so uploads are shared. The expected values come from
/// eng/hash_vectors.py, an independent Python implementation of the documented algorithm (seeded MD5, entries sorted by
/// lower-cased path, name then bytes, pathspec's gitwildmatch for ignore rules) over exactly the folder
/// <see cref="CreateVectorFolder"/> builds.
/// </summary>
public sealed class ContentHashTests
{
    private string _root = null!;

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("aml-hash-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_root, recursive: true);

    [Test]
    public void AFolderHashesAsThePythonSdkDoes()
    {
        string model = CreateVectorFolder();
        Assert.That(ContentHash.Compute(model, IgnoreRules.None, CancellationToken.None), Is.EqualTo("0b079b6a5c5f8dc12982e6dd4fadf7d4"));
    }

    [Test]
    public async Task TheAsyncPathGivesTheSameHash()
    {
        string model = CreateVectorFolder();
        Assert.That(await ContentHash.ComputeAsync(model, IgnoreRules.None, CancellationToken.None), Is.EqualTo("0b079b6a5c5f8dc12982e6dd4fadf7d4"));
    }

    [Test]
    public void ASingleFileHashesItsBytesOnly()
    {
        string model = CreateVectorFolder();
        Assert.That(ContentHash.Compute(Path.Combine(model, "sub", "Nested.bin"), IgnoreRules.None, CancellationToken.None), Is.EqualTo("52f60f73bf591c6ff3e316a03268158e"));
    }

    [Test]
    public void AFolderPatternKeepsTheFoldersNameButNotItsFiles()
    {
        // pathspec's "sub/" does not match the bare path "sub", so Python still hashes the folder's name.
        string model = CreateVectorFolder();
        Assert.That(ContentHash.Compute(model, IgnoreRules.Parse(["sub/"]), CancellationToken.None), Is.EqualTo("afaece5e3ee6dbeda4c7cdb5137a8fbd"));
        Assert.That(ContentHash.Compute(model, IgnoreRules.Parse(["sub"]), CancellationToken.None), Is.EqualTo("8c15b092f55ed0458998bb5caa4209de"));
    }

    [Test]
    public void ContentAndNamesChangeTheHashButIgnoredFilesDoNot()
    {
        string model = CreateVectorFolder();
        string original = ContentHash.Compute(model, IgnoreRules.Parse(["*.log"]), CancellationToken.None);

        File.WriteAllText(Path.Combine(model, "debug.log"), "ignored");
        Assert.That(ContentHash.Compute(model, IgnoreRules.Parse(["*.log"]), CancellationToken.None), Is.EqualTo(original));

        File.WriteAllText(Path.Combine(model, "a.txt"), "changed");
        string changed = ContentHash.Compute(model, IgnoreRules.Parse(["*.log"]), CancellationToken.None);
        Assert.That(changed, Is.Not.EqualTo(original));

        File.Move(Path.Combine(model, "a.txt"), Path.Combine(model, "renamed.txt"));
        Assert.That(ContentHash.Compute(model, IgnoreRules.Parse(["*.log"]), CancellationToken.None), Is.Not.EqualTo(changed));
    }

    [Test]
    public void CancellationStopsHashing()
    {
        string model = CreateVectorFolder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => ContentHash.Compute(model, IgnoreRules.None, cancelled.Token));
    }

    /// <summary>MLmodel, B.txt, a.txt, an empty conda.yaml, sub/Nested.bin (bytes 0..255), sub/deeper/é.txt, Zeta/x.</summary>
    private string CreateVectorFolder()
    {
        string model = Path.Combine(_root, "model");
        Directory.CreateDirectory(Path.Combine(model, "sub", "deeper"));
        Directory.CreateDirectory(Path.Combine(model, "Zeta"));
        File.WriteAllText(Path.Combine(model, "MLmodel"), "flavors: {}\n");
        File.WriteAllText(Path.Combine(model, "B.txt"), "upper");
        File.WriteAllText(Path.Combine(model, "a.txt"), "lower");
        File.WriteAllBytes(Path.Combine(model, "conda.yaml"), []);
        File.WriteAllBytes(Path.Combine(model, "sub", "Nested.bin"), Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
        File.WriteAllText(Path.Combine(model, "sub", "deeper", "é.txt"), "accent");
        File.WriteAllText(Path.Combine(model, "Zeta", "x"), "z");
        return model;
    }
}
