using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Core.Pipeline;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Samples;

/// <summary>
/// The packages as users get them: this run's build is packed into a local feed (under a version no earlier run used,
/// so NuGet's cache cannot serve a stale copy), the samples are built from fresh projects that reference the packages
/// rather than the source, and the azureml-emulator tool is installed from the feed and used from another process.
/// Nothing lands in the user's NuGet cache: restores here use a packages folder of their own, reading the user's cache
/// only as a fallback for the dependencies it already holds.
/// </summary>
[NonParallelizable]
public sealed class PackagedSampleTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);
    private string _work = null!;
    private string _feed = null!;
    private string _version = null!;
    private string _userPackages = null!;

    [OneTimeSetUp]
    public async Task Pack()
    {
        _work = Directory.CreateTempSubdirectory("packaged-").FullName;
        _feed = Path.Combine(_work, "feed");
        _version = $"0.1.0-alpha.t{DateTime.UtcNow:yyyyMMddHHmmss}{RandomNumberGenerator.GetInt32(1000):D3}";
        (int code, string output) = await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet", RepositoryPaths.Root,
            "pack", "AzureMlflow.Deploy.sln", "--no-build", "-c", RepositoryPaths.Configuration, "-o", _feed, $"-p:PackageVersion={_version}"), Slow);
        Assert.That(code, Is.EqualTo(0), output);
        (code, output) = await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet", RepositoryPaths.Root, "nuget", "locals", "global-packages", "--list"), Slow);
        Assert.That(code, Is.EqualTo(0), output);
        _userPackages = output.Trim()[(output.Trim().IndexOf(':') + 1)..].Trim();
        await File.WriteAllTextAsync(Path.Combine(_work, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_work, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="this-build" value="{_feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="user-cache" value="{_userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_work, recursive: true);

    [Test]
    public void ThePackagesCarryReadmesDocsAndSymbols()
    {
        string[] packages = Directory.GetFiles(_feed).Select(Path.GetFileName).ToArray()!;

        foreach (string id in new[] { "AzureMlflow.Deploy", "AzureMlflow.Deploy.Emulator", "AzureMlflow.Deploy.Emulator.Tool", "AzureMlflow.Deploy.Aspire", "AzureMlflow.Deploy.Aspire.Hosting" })
        {
            Assert.That(packages, Does.Contain($"{id}.{_version}.nupkg").And.Contain($"{id}.{_version}.snupkg"));
        }
        using var sdk = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_feed, $"AzureMlflow.Deploy.{_version}.nupkg"));
        Assert.That(sdk.Entries.Select(e => e.FullName), Is.SupersetOf(new[]
        {
            "README.md", "lib/net8.0/AzureMlflow.Deploy.dll", "lib/net8.0/AzureMlflow.Deploy.xml", "lib/net10.0/AzureMlflow.Deploy.dll", "lib/net10.0/AzureMlflow.Deploy.xml",
        }));
        using var tool = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_feed, $"AzureMlflow.Deploy.Emulator.Tool.{_version}.nupkg"));
        Assert.That(tool.Entries.Select(e => e.FullName), Has.Some.EqualTo("tools/net10.0/any/DotnetToolSettings.xml"));
    }

    public static readonly object[] Samples = SampleSmokeTests.Samples;

    [TestCaseSource(nameof(Samples))]
    public async Task TheSampleRunsAgainstThePackages(string sample, string[] expected)
    {
        string project = Path.Combine(_work, sample);
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, sample + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AzureMlflow.Deploy" Version="{_version}" />
                <PackageReference Include="AzureMlflow.Deploy.Emulator" Version="{_version}" />
                <PackageReference Include="Azure.Identity" Version="{RepositoryPaths.PinnedVersion("Azure.Identity")}" />
                <Compile Include="{RepositoryPaths.Combine("samples", sample, "Program.cs")}" />
              </ItemGroup>
            </Project>
            """);

        // From the repository root, as README runs the samples (they read samples/models and samples/data).
        (int exitCode, string output) = await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet", RepositoryPaths.Root, "run", "--project", project), Slow);

        SampleSmokeTests.AssertSampleSucceeded(exitCode, output, expected);
        Assert.That(File.ReadAllText(Path.Combine(project, "obj", "project.assets.json")), Does.Contain($"AzureMlflow.Deploy/{_version}"), "built from the package");
        Assert.That(Directory.Exists(Path.Combine(_work, "packages", "azuremlflow.deploy", _version)), Is.True, "restored into this test's own packages folder");
        Assert.That(Directory.Exists(Path.Combine(_userPackages, "azuremlflow.deploy", _version)), Is.False, "the user's NuGet cache is left alone");
    }

    [Test]
    public async Task TheEmulatorToolServesAClientInAnotherProcess()
    {
        string tools = Path.Combine(_work, "tools");
        (int installed, string installOutput) = await ChildProcess.RunAsync(ChildProcess.StartInfo("dotnet", _work,
            "tool", "install", "AzureMlflow.Deploy.Emulator.Tool", "--version", _version, "--tool-path", tools), Slow);
        Assert.That(installed, Is.EqualTo(0), installOutput);
        Assert.That(Directory.Exists(Path.Combine(_userPackages, "azuremlflow.deploy.emulator.tool", _version)), Is.False, "the user's NuGet cache is left alone");

        string connectionFile = Path.Combine(_work, "emulator.json");
        using Process emulator = Process.Start(ChildProcess.StartInfo(Path.Combine(tools, "azureml-emulator"), RepositoryPaths.Root,
            "--connection-file", connectionFile, "--provisioning-ms", "20"))!;
        try
        {
            // The emulator moves the connection file into place whole, so it is complete as soon as it exists.
            await Eventually.UntilAsync(() => File.Exists(connectionFile) || emulator.HasExited, "the tool writes its connection file");
            Assert.That(emulator.HasExited, Is.False, () => emulator.StandardError.ReadToEnd());

            using JsonDocument connection = JsonDocument.Parse(await File.ReadAllTextAsync(connectionFile));
            using X509Certificate2 certificate = X509Certificate2.CreateFromPem(connection.RootElement.GetProperty("certificate").GetString());
            string trusted = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString(HashAlgorithmName.SHA256) == trusted;
            var options = new MLClientOptions
            {
                ResourceManagerEndpoint = new Uri(connection.RootElement.GetProperty("endpoint").GetString()!),
                PollingInterval = TimeSpan.FromMilliseconds(20),
                Transport = new HttpClientTransport(handler),
            };
            MLClient client = MLClient.FromConfig(new FakeCredential(), connectionFile, options);

            var created = await client.OnlineEndpoints.BeginCreateOrUpdateAsync(Azure.WaitUntil.Completed, new ManagedOnlineEndpoint("tool-ep"));

            Assert.That((created.Value.ProvisioningState, client.OnlineEndpoints.List().Single().Name), Is.EqualTo((EndpointProvisioningState.Succeeded, "tool-ep")));
        }
        finally
        {
            // Stopped as a terminal or CI runner stops it, so it removes what it started; killed only if it hangs.
            if (!emulator.HasExited)
            {
                ProcessTree.Signal(emulator.Id, "TERM");
            }
            if (!emulator.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                emulator.Kill(entireProcessTree: true);
            }
            await emulator.WaitForExitAsync();
        }
    }

    /// <summary>
    /// The four scripts in samples/scripts, .NET 10 file-based apps, run with <c>dotnet run file.cs</c> as a user runs
    /// them: their <c>#:package</c> lines name this run's packages (the only change to the copies), restored from the
    /// feed; the workspace is the emulator, named by the connection string it hands out.
    /// </summary>
    [Test]
    public async Task TheFileBasedScriptsRunAgainstTheEmulatorFromThePackages()
    {
        // The scripts find the sample model and rows beside them, in samples/, as in a clone.
        string samples = Path.Combine(_work, "samples");
        string scripts = Path.Combine(samples, "scripts");
        Directory.CreateDirectory(scripts);
        foreach (string script in Directory.GetFiles(RepositoryPaths.Combine("samples", "scripts"), "*.cs"))
        {
            string text = await File.ReadAllTextAsync(script);
            Assert.That(text, Does.Contain("#:package AzureMlflow.Deploy@0.1.0-alpha\n"), script);
            await File.WriteAllTextAsync(Path.Combine(scripts, Path.GetFileName(script)), text.Replace("#:package AzureMlflow.Deploy@0.1.0-alpha\n", $"#:package AzureMlflow.Deploy@{_version}\n", StringComparison.Ordinal));
        }
        CopyFolder(RepositoryPaths.Combine("samples", "models", "diabetes-linear"), Path.Combine(samples, "models", "diabetes-linear"));
        CopyFolder(RepositoryPaths.Combine("samples", "data"), Path.Combine(samples, "data"));

        await using WorkspaceEmulator emulator = await EmulatorClients.StartFastAsync(o => o.Storage = EmulatorStorage.Azurite);
        MLClient client = EmulatorClients.Create(emulator);
        async Task<string> Run(string script, params string[] arguments)
        {
            ProcessStartInfo start = ChildProcess.StartInfo("dotnet", scripts, ["run", script, "--", .. arguments]);
            start.Environment["AZUREML_CONNECTION_STRING"] = emulator.ConnectionString;
            // dotnet run builds a file-based app under the temp folder (dotnet/runfile/...): this test's, deleted with it.
            start.Environment["TMPDIR"] = Directory.CreateDirectory(Path.Combine(_work, "tmp")).FullName;
            (int code, string output) = await ChildProcess.RunAsync(start, Slow);
            Assert.That(code, Is.EqualTo(0), $"dotnet run {script}: {output}");
            return output;
        }

        Assert.That(await Run("deploy.cs", "file-ep"), Does.Contain("Deployed blue to file-ep with 100% of the traffic"));
        Assert.That((await client.OnlineEndpoints.GetAsync("file-ep")).Value.Traffic["blue"], Is.EqualTo(100));

        string expected = string.Join(", ", SampleModel.SampleRows().Select(SampleModel.Predict).Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await Run("invoke.cs", "file-ep"), Does.Contain("blue predicts: " + expected));

        string batch = await Run("batch.cs");
        Assert.That(batch, Does.Contain(": Completed").And.Contain($"predictions.csv: {SampleModel.SampleRows().Count} predictions"));
        Assert.That(client.BatchEndpoints.List().Select(e => e.Name), Is.Empty, "the batch script deletes its endpoint");

        Assert.That(await Run("teardown.cs", "file-ep"), Does.Contain("Deleted file-ep"));
        Assert.That(Assert.ThrowsAsync<Azure.RequestFailedException>(() => client.OnlineEndpoints.GetAsync("file-ep"))!.Status, Is.EqualTo(404));
        Assert.That(Directory.Exists(Path.Combine(_work, "packages", "azuremlflow.deploy", _version)), Is.True, "restored from this run's feed");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
