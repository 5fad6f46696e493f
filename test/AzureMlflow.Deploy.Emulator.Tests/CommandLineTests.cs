using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.Tests;

/// <summary>The emulator as a program (the azureml-emulator tool): arguments, the connection file, serving until stopped.</summary>
public sealed class CommandLineTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    public async Task HelpPrintsTheUsageAndExitsWithoutStarting(string flag)
    {
        var output = new StringWriter();
        int code = await EmulatorCommandLine.RunAsync(["--port", "1", flag], output);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output.ToString(), Does.Contain("Usage: azureml-emulator [--port N]").And.Contain("--connection-file F").And.Contain("-h, --help"));
        Assert.That(output.ToString(), Does.Not.Contain("listening"));
    }

    [Test]
    public async Task TheConnectionFileIsEnoughToReachTheEmulatorFromAnotherClient()
    {
        string file = Path.Combine(Path.GetTempPath(), $"emulator-{Guid.NewGuid():N}.json");
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        Task<int> run = EmulatorCommandLine.RunAsync(["--connection-file", file, "--workspace", "cli-ws", "--provisioning-ms", "20"], output, stop.Token);
        try
        {
            while (!File.Exists(file) || !output.ToString().Contains("Press Ctrl+C"))
            {
                Assert.That(run.IsCompleted, Is.False, output.ToString());
                await Task.Delay(20);
            }

            JsonObject connection = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            Assert.That((string?)connection["workspace_name"], Is.EqualTo("cli-ws"));
            using X509Certificate2 trusted = X509Certificate2.CreateFromPem((string)connection["certificate"]!);
            string hash = trusted.GetCertHashString(HashAlgorithmName.SHA256);
            using var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString(HashAlgorithmName.SHA256) == hash;
            using var http = new HttpClient(handler) { BaseAddress = new Uri((string)connection["endpoint"]!) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t");

            using HttpResponseMessage workspace = await http.GetAsync(
                $"subscriptions/{connection["subscription_id"]}/resourceGroups/{connection["resource_group"]}/providers/Microsoft.MachineLearningServices/workspaces/cli-ws?api-version={ArmClient.ApiVersion}");

            Assert.That(workspace.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(output.ToString(), Does.Contain("listening on " + (string)connection["endpoint"]!));
        }
        finally
        {
            await stop.CancelAsync();
            File.Delete(file);
        }
        Assert.That(await run, Is.EqualTo(0), "a cancelled run stops cleanly");
    }

    [TestCase("--port")]
    [TestCase("--bogus")]
    public async Task BadArgumentsPrintTheUsageAndExitWithTwo(string argument)
    {
        var output = new StringWriter();

        int code = await EmulatorCommandLine.RunAsync([argument], output);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output.ToString(), Does.Contain(argument).And.Contain("Usage: azureml-emulator"));
    }
}
