using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core.Pipeline;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Lifecycle;

/// <summary>
/// Whatever the emulator starts, it stops: after SIGTERM or SIGINT to the azureml-emulator tool, after DisposeAsync, and
/// after deleting an endpoint, the processes it started (Azurite, the Python workers of deployments) are counted in
/// /proc and must be gone, and so must its temp folders. Each test first checks that those processes ran, so it could fail.
/// </summary>
[NonParallelizable]
public sealed class EmulatorLifecycleTests
{
    private const string Worker = "mlflow_worker.py";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [SetUp]
    public void Prerequisites() => ProcessTree.RequireLinux();

    [TestCase("TERM")]
    [TestCase("INT")]
    public async Task ASignalToTheToolStopsEverythingItStartedAndRemovesItsFolders(string signal)
    {
        string python = PythonForTests.Require();
        string temp = Directory.CreateTempSubdirectory("emulator-tmpdir-").FullName;
        string connectionFile = Path.Combine(temp, "..", $"emulator-{Guid.NewGuid():N}.json");
        string tool = RepositoryPaths.Combine("src", "AzureMlflow.Deploy.Emulator.Tool", "bin", RepositoryPaths.Configuration, "net10.0", "AzureMlflow.Deploy.Emulator.Tool.dll");
        ProcessStartInfo start = ChildProcess.StartInfo("dotnet", temp, tool, "--connection-file", connectionFile, "--provisioning-ms", "0", "--python", python);
        start.Environment["TMPDIR"] = temp; // everything the tool writes to temp lands here, so "gone" is "the folder is empty"
        using Process process = Process.Start(start)!;
        var printed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => printed.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => printed.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.UntilAsync(() => File.Exists(connectionFile), () => $"the tool wrote its connection file; it printed: {string.Join('\n', printed)}");
            MLClient client = ClientFor(JsonNode.Parse(await File.ReadAllTextAsync(connectionFile))!.AsObject());
            await DeployOnlineAsync(client, "signal-ep", instances: 2);

            List<ProcessTree.Entry> started = ProcessTree.Descendants(process.Id);
            Assert.That(started.Count(p => p.CommandLine.Contains("azurite", StringComparison.Ordinal)), Is.EqualTo(1), Describe(started));
            Assert.That(started.Count(p => p.CommandLine.Contains(Worker, StringComparison.Ordinal)), Is.EqualTo(2), "one worker per instance: " + Describe(started));
            Assert.That(Directory.EnumerateFileSystemEntries(temp), Is.Not.Empty, "the tool keeps Azurite's data and its workers' script in its temp folder");

            ProcessTree.Signal(process.Id, signal);

            Assert.That(process.WaitForExit(Deadline), Is.True, "the tool exits on SIG" + signal);
            Assert.That(process.ExitCode, Is.EqualTo(0), string.Join('\n', printed));
            await Eventually.UntilAsync(() => !started.Any(p => ProcessTree.IsAlive(p.Pid)),
                () => "what the tool started stopped; still running: " + Describe(started.Where(p => ProcessTree.IsAlive(p.Pid))));
            Assert.That(Directory.EnumerateFileSystemEntries(temp), Is.Empty, "the tool removes its temp folders");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            File.Delete(connectionFile);
            Directory.Delete(temp, recursive: true);
        }
    }

    [Test]
    public async Task DisposeAsyncStopsTheWorkersAndRemovesTheEmulatorsFolders()
    {
        string python = PythonForTests.Require();
        HashSet<string> before = EmulatorFolders();
        WorkspaceEmulator emulator = await EmulatorClients.StartFastAsync(o => o.PythonExecutable = python);
        List<ProcessTree.Entry> workers;
        HashSet<string> created;
        try
        {
            await DeployOnlineAsync(EmulatorClients.Create(emulator), "dispose-ep", instances: 2);
            workers = Workers();
            created = [.. EmulatorFolders().Except(before)];
            Assert.That(workers, Has.Count.EqualTo(2), Describe(workers));
            Assert.That(created, Is.Not.Empty, "the emulator downloads models and writes its worker script to temp folders of its own");
        }
        finally
        {
            await emulator.DisposeAsync();
        }

        // Checked at once: DisposeAsync returns once they are gone, not some time after.
        Assert.That(workers.Where(p => ProcessTree.IsAlive(p.Pid)).ToList(), Is.Empty, "DisposeAsync stops the workers");
        Assert.That(created.Where(Directory.Exists).ToList(), Is.Empty, "DisposeAsync removes the emulator's temp folders");
    }

    [TestCase("online")]
    [TestCase("batch")]
    public async Task DeletingAnEndpointStopsItsDeploymentsWorkers(string kind)
    {
        await using WorkspaceEmulator emulator = await EmulatorClients.StartFastAsync(o => o.PythonExecutable = PythonForTests.Require());
        MLClient client = EmulatorClients.Create(emulator);
        HashSet<int> earlier = [.. Workers().Select(w => w.Pid)];
        string endpoint = $"{kind}-delete";
        if (kind == "online")
        {
            await DeployOnlineAsync(client, endpoint, instances: 2);
        }
        else
        {
            await client.Computes.BeginCreateOrUpdateAsync(WaitUntil.Completed, new AmlCompute("cpu") { Size = "Standard_DS3_v2", MaxInstances = 2 });
            await client.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint(endpoint));
            await client.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchDeployment("sklearn", endpoint)
            {
                Model = SklearnModel(), Compute = "cpu", InstanceCount = 2,
            });
        }
        List<ProcessTree.Entry> started = [.. Workers().Where(w => !earlier.Contains(w.Pid))];
        Assert.That(started, Has.Count.EqualTo(2), Describe(started));

        if (kind == "online")
        {
            await client.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpoint);
        }
        else
        {
            await client.BatchEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpoint);
        }

        await Eventually.UntilAsync(() => !started.Any(p => ProcessTree.IsAlive(p.Pid)),
            () => "the deleted endpoint's workers stopped; still running: " + Describe(started.Where(p => ProcessTree.IsAlive(p.Pid))));
    }

    private static Model SklearnModel() => new() { Name = "diabetes-sklearn", Type = ModelType.MlflowModel, Path = SampleModel.FolderOf("diabetes-sklearn") };

    /// <summary>An endpoint with a scikit-learn deployment of <paramref name="instances"/> instances: one Python worker each.</summary>
    private static async Task DeployOnlineAsync(MLClient client, string endpoint, int instances)
    {
        await client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
        await client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
            new ManagedOnlineDeployment("sklearn", endpoint) { Model = SklearnModel(), InstanceType = "Standard_DS3_v2", InstanceCount = instances });
    }

    /// <summary>The Python workers this test process runs (in-process emulators start them as its children).</summary>
    private static List<ProcessTree.Entry> Workers() =>
        [.. ProcessTree.Descendants(Environment.ProcessId).Where(p => p.CommandLine.Contains(Worker, StringComparison.Ordinal))];

    private static HashSet<string> EmulatorFolders() => [.. Directory.EnumerateDirectories(Path.GetTempPath(), "aml-emulator-*")];

    private static string Describe(IEnumerable<ProcessTree.Entry> processes) =>
        string.Join("; ", processes.Select(p => $"{p.Pid}: {p.CommandLine}"));

    /// <summary>A client of an emulator in another process, from its connection file, trusting exactly its certificate.</summary>
    private static MLClient ClientFor(JsonObject connection)
    {
        using X509Certificate2 certificate = X509Certificate2.CreateFromPem((string)connection["certificate"]!);
        string hash = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString(HashAlgorithmName.SHA256) == hash;
        var options = new MLClientOptions
        {
            ResourceManagerEndpoint = new Uri((string)connection["endpoint"]!),
            PollingInterval = TimeSpan.FromMilliseconds(10),
            Transport = new HttpClientTransport(handler),
        };
        return new MLClient(new FakeCredential(), (string)connection["subscription_id"]!, (string)connection["resource_group"]!, (string)connection["workspace_name"]!, options);
    }
}
