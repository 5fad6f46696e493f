using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Sas;
using AzureMlflow.Deploy.Emulator;

namespace AzureMlflow.Deploy.Benchmarks.Scoring;

/// <summary>
/// The server side of the scoring, upload and cold-start workloads, in its own process so the client process's
/// allocation counts are the client's alone: the Kestrel echo, and the emulator (with Azurite when it can be found)
/// holding one key-auth endpoint whose deployment is served by a trivial registered scorer.
/// </summary>
internal static class ServerHost
{
    public static async Task<int> ServeAsync(string infoPath)
    {
        await using EchoServer echo = await EchoServer.StartAsync();
        await using WorkspaceEmulator emulator = await WorkspaceEmulator.StartAsync(new EmulatorOptions { ProvisioningDuration = TimeSpan.FromMilliseconds(20) });
        ServerInfo info = await PrepareAsync(emulator, echo.ScoringUri, emulator.BlobService is not null);

        // The emulator records every request with its body; forget them as the benchmark goes, so memory stays flat.
        using var timer = new Timer(_ => emulator.Requests.Clear(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        info.Save(infoPath);
        Console.WriteLine("READY");
        while (await Console.In.ReadLineAsync() is { } line && line != "STOP")
        {
        }
        return 0;
    }

    /// <summary>Registers the model, creates the endpoint and deployment (concurrency high enough for 64 callers) and the scorer.</summary>
    public static async Task<ServerInfo> PrepareAsync(WorkspaceEmulator emulator, Uri echoUri, bool withStorage)
    {
        emulator.Scorers.Register(ServerInfo.ModelName, _ => new JsonArray(0.0));
        string sha256 = emulator.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var bootstrap = new ServerInfo(echoUri.ToString(), emulator.BaseUri.ToString(), sha256, emulator.Options.SubscriptionId, emulator.Options.ResourceGroup,
            emulator.Options.WorkspaceName, ServerInfo.Endpoint, "", "", null);
        MLClient ml = bootstrap.CreateClient(emulator.CreateHttpMessageHandler(), TimeSpan.FromMilliseconds(10));
        Model model = (await ml.Models.CreateOrUpdateAsync(new Model { Name = ServerInfo.ModelName, Version = "1", Type = ModelType.MlflowModel, Path = "azureml://datastores/workspaceblobstore/paths/bench/echo-model" })).Value;
        OnlineEndpoint endpoint = (await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(ServerInfo.Endpoint))).Value;
        await ml.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", ServerInfo.Endpoint)
        {
            Model = model,
            InstanceType = "Standard_DS3_v2",
            InstanceCount = 1,
            RequestSettings = new OnlineRequestSettings { MaxConcurrentRequestsPerInstance = 1000, RequestTimeout = TimeSpan.FromSeconds(90) },
        });
        await ml.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, ServerInfo.Endpoint, new Dictionary<string, int> { ["blue"] = 100 });
        endpoint = (await ml.OnlineEndpoints.GetAsync(ServerInfo.Endpoint)).Value;
        var keys = (EndpointAuthKeys)(await ml.OnlineEndpoints.GetKeysAsync(ServerInfo.Endpoint)).Value;
        string? sas = null;
        if (withStorage && emulator.BlobService is { } blobs)
        {
            sas = blobs.GetBlobContainerClient(emulator.DefaultDatastoreContainer)
                .GenerateSasUri(BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddHours(3)).ToString();
        }
        return bootstrap with { EmulatorScoringUri = endpoint.ScoringUri!.ToString(), Key = keys.PrimaryKey!, ContainerSasUri = sas };
    }
}
