namespace AzureMlflow.Deploy.Tests.Infrastructure;

/// <summary>Builds MLflow model folders on disk for upload tests, from the reference sklearn-diabetes MLmodel.</summary>
internal sealed class ModelFolders : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aml-models-").FullName;

    /// <summary>
    /// A folder named <paramref name="name"/> with MLmodel, conda.yaml, model.pkl (<paramref name="pickleBytes"/> seeded bytes),
    /// a nested data file, and an .amlignore that excludes <c>logs/</c> and <c>*.tmp</c> (both present).
    /// </summary>
    public string CreateDiabetes(string name, int pickleBytes = 4096, int seed = 1)
    {
        string folder = Path.Combine(_root, Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        File.Copy(ExampleFiles.PathOf("cli-yaml/models/sklearn-diabetes/MLmodel"), Path.Combine(folder, "MLmodel"));
        File.Copy(ExampleFiles.PathOf("cli-yaml/models/sklearn-diabetes/conda.yaml"), Path.Combine(folder, "conda.yaml"));
        File.WriteAllBytes(Path.Combine(folder, "model.pkl"), Bytes(pickleBytes, seed));
        File.WriteAllBytes(Path.Combine(folder, "data", "scaler.bin"), Bytes(100, seed + 1));
        File.WriteAllText(Path.Combine(folder, "logs", "train.log"), "not part of the model");
        File.WriteAllText(Path.Combine(folder, "scratch.tmp"), "not part of the model either");
        File.WriteAllText(Path.Combine(folder, ".amlignore"), "logs/\n*.tmp\n");
        return folder;
    }

    /// <summary>A folder with <paramref name="count"/> files of <paramref name="size"/> bytes next to a valid MLmodel.</summary>
    public string CreateMany(string name, int count, int size)
    {
        string folder = CreateDiabetes(name);
        for (int i = 0; i < count; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, "data", $"part-{i:D3}.bin"), Bytes(size, i + 100));
        }
        return folder;
    }

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
