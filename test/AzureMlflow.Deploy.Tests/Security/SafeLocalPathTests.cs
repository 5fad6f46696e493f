using AzureMlflow.Deploy.Storage;

namespace AzureMlflow.Deploy.Tests.Security;

/// <summary>Downloaded blob names never put a file outside the folder the user chose, nor through a link in it.</summary>
public sealed class SafeLocalPathTests
{
    private string _root = null!;
    private string _outside = null!;

    [SetUp]
    public void CreateFolders()
    {
        _root = Directory.CreateTempSubdirectory("aml-safe-root-").FullName;
        _outside = Directory.CreateTempSubdirectory("aml-safe-outside-").FullName;
    }

    [TearDown]
    public void DeleteFolders()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [TestCase("MLmodel")]
    [TestCase("data/nested/file.bin")]
    [TestCase("dots..in..name")]
    public void NamesInsideTheFolderResolveUnderIt(string relative) =>
        Assert.That(SafeLocalPath.Resolve(_root, relative, relative), Is.EqualTo(Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar))));

    [TestCase("../escape.txt")]
    [TestCase("a/../../escape.txt")]
    [TestCase("a/b/../../../escape.txt")]
    [TestCase("/etc/passwd")]
    [TestCase("..")]
    public void NamesThatLeaveTheFolderAreRefused(string relative) =>
        Assert.That(() => SafeLocalPath.Resolve(_root, relative, "blob/" + relative),
            Throws.InvalidOperationException.With.Message.EqualTo($"Refusing to write blob 'blob/{relative}' outside '{_root}'."));

    [Test]
    public void ADriveLetterIsRefusedOnWindowsAndIsAPlainNameElsewhere()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.That(() => SafeLocalPath.Resolve(_root, @"C:\Windows\x", "b"), Throws.InvalidOperationException);
        }
        else
        {
            Assert.That(SafeLocalPath.Resolve(_root, @"C:\Windows\x", "b"), Does.StartWith(_root + Path.DirectorySeparatorChar));
        }
    }

    [Test]
    public void AFolderLinkPlantedInTheTargetIsNeverFollowed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "data"), _outside);

        Assert.That(() => SafeLocalPath.Resolve(_root, "data/weights.bin", "m/data/weights.bin"),
            Throws.InvalidOperationException.With.Message.Contains("through the symbolic link").And.Message.Contains(Path.Combine(_root, "data")));
    }

    [Test]
    public void AFileLinkIsNotOverwritten()
    {
        string secret = Path.Combine(_outside, "secret.txt");
        File.WriteAllText(secret, "keep");
        File.CreateSymbolicLink(Path.Combine(_root, "MLmodel"), secret);

        Assert.That(() => SafeLocalPath.Resolve(_root, "MLmodel", "m/MLmodel"), Throws.InvalidOperationException.With.Message.Contains("symbolic link"));
        Assert.That(File.ReadAllText(secret), Is.EqualTo("keep"));
    }
}
