using System.Diagnostics;
using System.Net.Http;
using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AzureMlflow.Deploy.Benchmarks.Scoring;

namespace AzureMlflow.Deploy.Benchmarks.Upload;

internal sealed record UploadResult(
    long Bytes, int Files, double SdkSeconds, double SdkUploadSeconds, double SequentialSeconds, double TunedSeconds, string TunedSettings,
    double RehashSeconds, double Md5MemoryMBps, double Md5FilesMBps, int ReregisterRequests, int ReregisterUploadRequests, string ReregisterDetail, string? Error,
    int Repeats = 0, string SearchedSettings = "")
{
    public double Mb(double seconds) => Bytes / 1e6 / seconds;
}

/// <summary>
/// Model upload to Azurite (through the server process's emulator): the SDK's <c>Models.CreateOrUpdateAsync</c> of a
/// local MLflow folder (content hash, upload, registration) against sequential per-file <c>BlobClient.UploadAsync</c>
/// with defaults and the best of several raw parallel uploads (the SDK's own settings among them), every contender run
/// the same number of times, interleaved; hashing against single-core MD5; and what re-registering the unchanged folder
/// costs (time, requests).
/// </summary>
internal static class UploadRunner
{
    /// <summary>How many times every contender uploads the folder (interleaved); each keeps its best time.</summary>
    public const int UploadRepeats = 2;

    private const string MlModel = """
        artifact_path: model
        flavors:
          onnx:
            code: null
            data: model.onnx
            onnx_version: 1.12.0
          python_function:
            data: model.onnx
            loader_module: mlflow.onnx
            python_version: 3.11.2
        mlflow_version: 2.9.2
        """;

    public static async Task<UploadResult> RunAsync(ServerInfo info, int largeFiles, int largeMiB, int smallFiles, int smallKiB, bool quick, Action<string> log)
    {
        string root = Directory.CreateTempSubdirectory("aml-bench-upload-").FullName;
        try
        {
            string folder = CreateFolder(Path.Combine(root, "bench-model"), largeFiles, largeMiB, smallFiles, smallKiB);
            string[] files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            long bytes = files.Sum(f => new FileInfo(f).Length);
            log($"  upload folder: {files.Length} files, {bytes / 1048576.0:F0} MiB");
            if (info.ContainerSasUri is null)
            {
                return Failed(bytes, files.Length, "the emulator runs without Azurite (install it with 'npm ci --prefix eng/azurite')");
            }

            // Single-core MD5, the reference for hashing: in memory, and over the same files read whole.
            double md5Memory = Md5InMemory(quick);
            var md5Watch = Stopwatch.StartNew();
            using (var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5))
            {
                byte[] buffer = new byte[1 << 20];
                foreach (string file in files.Order(StringComparer.Ordinal))
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                    int read;
                    while ((read = stream.Read(buffer)) > 0)
                    {
                        md5.AppendData(buffer, 0, read);
                    }
                }
                md5.GetHashAndReset();
            }
            double md5Files = bytes / 1e6 / md5Watch.Elapsed.TotalSeconds;
            log($"  MD5 single core: {md5Memory:F0} MB/s in memory, {md5Files:F0} MB/s over the files");

            var counter = new CountingHandler(info.EmulatorHandler());
            MLClient ml = info.CreateClient(counter, TimeSpan.FromMilliseconds(100));
            var container = new BlobContainerClient(new Uri(info.ContainerSasUri));

            // A first registration warms everything up (JIT, connections, Azurite); re-registering the unchanged folder
            // then measures what the SDK spends besides uploading: the hash, and requests that find the upload complete.
            Model model = (await ml.Models.CreateOrUpdateAsync(new Model { Name = "bench-upload", Type = ModelType.MlflowModel, Path = folder })).Value;
            log($"  SDK first registration: version {model.Version}");
            counter.Reset();
            var rehashWatch = Stopwatch.StartNew();
            await ml.Models.CreateOrUpdateAsync(new Model { Name = "bench-upload", Type = ModelType.MlflowModel, Path = folder });
            double rehash = rehashWatch.Elapsed.TotalSeconds;
            IReadOnlyList<string> requests = counter.Requests;
            int uploadRequests = requests.Count(r => r.Contains("/datastores/", StringComparison.Ordinal) || r.Contains("blob:", StringComparison.Ordinal));
            log($"  re-register unchanged: {rehash:F2} s, {requests.Count} requests: {string.Join("; ", requests)}");
            await DeleteAsync(container, "LocalUpload/");

            // The contenders, each run the same number of times, interleaved: sequential per-file uploads with defaults,
            // raw parallel uploads with a few settings (the SDK's own among them), and the SDK (a changed copy each time).
            var sdkSettings = new MLClientOptions();
            var raw = new List<(int Files, int BlockMiB, int Blocks)> { (sdkSettings.UploadConcurrency, (int)(sdkSettings.UploadBlockSize >> 20), 4), (8, 8, 4), (16, 16, 2), (4, 32, 4) };
            var best = new Dictionary<string, double>();
            void Keep(string name, double seconds) => best[name] = Math.Min(best.GetValueOrDefault(name, double.MaxValue), seconds);
            for (int repeat = 0; repeat < (quick ? 1 : UploadRepeats); repeat++)
            {
                var watch = Stopwatch.StartNew();
                foreach (string file in files)
                {
                    await container.GetBlobClient("bench-sequential/" + Path.GetRelativePath(folder, file)).UploadAsync(file, overwrite: true);
                }
                Keep("sequential", watch.Elapsed.TotalSeconds);
                log($"  sequential BlobClient.UploadAsync: {watch.Elapsed.TotalSeconds:F2} s");
                await DeleteAsync(container, "bench-sequential/");

                foreach ((int fileParallelism, int blockMiB, int blockParallelism) in raw)
                {
                    var transfer = new StorageTransferOptions { InitialTransferSize = blockMiB << 20, MaximumTransferSize = blockMiB << 20, MaximumConcurrency = blockParallelism };
                    string settings = $"{fileParallelism} files x {blockParallelism} blocks of {blockMiB} MiB";
                    string prefix = $"bench-tuned-{fileParallelism}-{blockMiB}-{blockParallelism}/";
                    watch.Restart();
                    await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = fileParallelism }, async (file, ct) =>
                        await container.GetBlobClient(prefix + Path.GetRelativePath(folder, file)).UploadAsync(file, new BlobUploadOptions { TransferOptions = transfer }, ct));
                    Keep(settings, watch.Elapsed.TotalSeconds);
                    log($"  raw parallel ({settings}): {watch.Elapsed.TotalSeconds:F2} s");
                    await DeleteAsync(container, prefix);
                }

                File.WriteAllText(Path.Combine(folder, "nonce.txt"), Guid.NewGuid().ToString());
                watch.Restart();
                await ml.Models.CreateOrUpdateAsync(new Model { Name = "bench-upload", Type = ModelType.MlflowModel, Path = folder });
                Keep("sdk", watch.Elapsed.TotalSeconds);
                log($"  SDK register (changed content: hash + upload + register): {watch.Elapsed.TotalSeconds:F2} s");
                await DeleteAsync(container, "LocalUpload/");
            }
            (string tunedSettings, double tuned) = best.Where(b => b.Key is not "sequential" and not "sdk").MinBy(b => b.Value);
            double sdkBest = best["sdk"];
            return new UploadResult(bytes, files.Length, sdkBest, sdkBest - rehash, best["sequential"], tuned, tunedSettings, rehash, md5Memory, md5Files,
                requests.Count, uploadRequests, string.Join("; ", requests), null, quick ? 1 : UploadRepeats, string.Join(", ", raw.Select(r => $"{r.Files} x {r.Blocks} x {r.BlockMiB} MiB")));
        }
        catch (Exception ex)
        {
            return Failed(0, 0, ex.GetType().Name + ": " + ex.Message.Split('\n')[0]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Removes what a run uploaded (not timed), so Azurite's disk holds one copy at a time.</summary>
    private static async Task DeleteAsync(BlobContainerClient container, string prefix)
    {
        await foreach (BlobItem blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name);
        }
    }

    private static UploadResult Failed(long bytes, int files, string error) => new(bytes, files, double.NaN, double.NaN, double.NaN, double.NaN, "", double.NaN, double.NaN, double.NaN, 0, 0, "", error);

    /// <summary>An MLflow folder: MLmodel, <paramref name="largeFiles"/> files of <paramref name="largeMiB"/> MiB and many small ones under data/.</summary>
    public static string CreateFolder(string folder, int largeFiles, int largeMiB, int smallFiles, int smallKiB)
    {
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "MLmodel"), MlModel);
        var random = new Random(Payloads.PayloadData.Seed);
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < largeFiles; i++)
        {
            using var stream = File.Create(Path.Combine(folder, i == 0 ? "model.onnx" : $"weights-{i}.bin"));
            for (int m = 0; m < largeMiB; m++)
            {
                random.NextBytes(chunk);
                stream.Write(chunk);
            }
        }
        byte[] small = new byte[smallKiB * 1024];
        for (int i = 0; i < smallFiles; i++)
        {
            random.NextBytes(small);
            File.WriteAllBytes(Path.Combine(folder, "data", $"part-{i:D4}.bin"), small);
        }
        return folder;
    }

    private static double Md5InMemory(bool quick)
    {
        byte[] data = new byte[(quick ? 4 : 64) << 20];
        new Random(1).NextBytes(data);
        MD5.HashData(data); // warm
        var watch = Stopwatch.StartNew();
        int rounds = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(quick ? 0.05 : 1) || rounds < 2)
        {
            MD5.HashData(data);
            rounds++;
        }
        return (double)data.Length * rounds / 1e6 / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Counts the requests an MLClient sends (ARM and storage), as "METHOD path" (storage ones prefixed "blob:").</summary>
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly List<string> _requests = [];

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public void Reset()
        {
            lock (_requests)
            {
                _requests.Clear();
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            int workspace = path.IndexOf("/workspaces/", StringComparison.OrdinalIgnoreCase);
            string shown = request.RequestUri.Scheme == "http" ? "blob:" + path : workspace >= 0 ? path[(path.IndexOf('/', workspace + 12) is var s && s > 0 ? s : workspace)..] : path;
            lock (_requests)
            {
                _requests.Add($"{request.Method} {shown}");
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
