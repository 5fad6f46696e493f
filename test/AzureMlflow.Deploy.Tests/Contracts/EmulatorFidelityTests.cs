using System.Net.Http.Headers;
using System.Text;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Emulator.Lro;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>
/// The emulator against the real service: every recorded scenario's requests are sent to an emulator that pretends to be
/// the recorded workspace (requests recorded in other workspaces are moved to it), in order, and each answer is compared with the service's (<see cref="ResponseDifferences"/>).
/// Operations are held in progress while the recording shows them running and released where it shows them ending, so
/// the status sequence is the recorded one. Every difference found must be on <see cref="FidelityAllowlist"/>, which says
/// why it is deliberate, and every allowlist entry must still be needed.
/// </summary>
public sealed class EmulatorFidelityTests
{
    public static IEnumerable<string> Scenarios() => ServiceRecordings.Scenarios();

    [TestCaseSource(nameof(Scenarios)), Order(1)]
    public async Task TheEmulatorAnswersTheRecordedRequestsAsTheServiceDid(string scenario)
    {
        IReadOnlyList<RecordedExchange> exchanges = ServiceRecordings.Load(scenario);
        (string subscription, string resourceGroup, string workspace) = ServiceRecordings.WorkspaceOf(exchanges);
        await using WorkspaceEmulator emulator = await WorkspaceEmulator.StartAsync(new EmulatorOptions
        {
            SubscriptionId = subscription, ResourceGroup = resourceGroup, WorkspaceName = workspace, Location = "eastus", ProvisioningDuration = TimeSpan.Zero,
        });
        using var http = new HttpClient(emulator.CreateHttpMessageHandler()) { BaseAddress = emulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "recorded-requests");

        var differences = new List<string>();
        var skipped = new List<string>();
        var operations = new Dictionary<string, string>(StringComparer.Ordinal); // the recorded operation's name -> the emulator's status URL
        var skippedResources = new List<string>();
        await SeedPreexistingCodeAsync(http, emulator, exchanges);
        OperationHold hold = emulator.HoldOperations();
        try
        {
            foreach (RecordedExchange exchange in exchanges)
            {
                if (FidelityAllowlist.NotSent(exchange, skippedResources) is { } reason)
                {
                    skipped.Add($"#{exchange.Index} {exchange.Shape}: {reason}");
                    continue;
                }
                string target = exchange.PathAndQueryIn(emulator.WorkspaceResourceId);
                bool ends = false;
                if (exchange.IsOperationStatus)
                {
                    if (!operations.TryGetValue(exchange.OperationName, out string? statusUrl))
                    {
                        differences.Add($"{scenario}: {exchange.Shape}: the emulator named no operation to poll where the service did");
                        continue;
                    }
                    ends = exchange.ResponseBody?["status"]?.ToString() is "Succeeded" or "Failed" or "Canceled";
                    if (ends)
                    {
                        hold.Release(); // the recording shows the operation ending here
                    }
                    target = statusUrl;
                }
                await PutModelFileAsync(emulator, exchange);
                using var request = new HttpRequestMessage(new HttpMethod(exchange.Method), target);
                if (exchange.RequestBody is not null)
                {
                    request.Content = new StringContent(exchange.RequestBody.ToJsonString(), Encoding.UTF8, "application/json");
                }
                using HttpResponseMessage response = await http.SendAsync(request);
                ObservedResponse observed = await ObservedResponse.ReadAsync(response);
                differences.AddRange(ResponseDifferences.Between(exchange, new Uri(emulator.BaseUri, target).AbsolutePath, observed).Select(d => $"{scenario}: {d}"));
                if (ends)
                {
                    hold = emulator.HoldOperations();
                }
                if (exchange.Header("Azure-AsyncOperation") is { } recordedStatus && observed.Header("Azure-AsyncOperation") is { } emulatorStatus)
                {
                    operations[new Uri(recordedStatus).AbsolutePath.Split('/')[^1]] = emulatorStatus;
                }
            }
        }
        finally
        {
            hold.Release();
        }

        List<string> unexplained = [.. differences.Where(d => !FidelityAllowlist.Differences.Explains(d))];
        TestContext.Out.WriteLine($"{scenario}: {exchanges.Count} recorded requests, {exchanges.Count - skipped.Count} sent, {differences.Count - unexplained.Count} allowlisted differences");
        foreach (string line in skipped)
        {
            TestContext.Out.WriteLine("  not sent " + line);
        }
        foreach (string line in unexplained)
        {
            TestContext.Out.WriteLine("  UNEXPLAINED " + line);
        }
        Assert.That(unexplained, Is.Empty, $"{scenario}: the emulator answered differently from the service");
        FidelityAllowlist.Differences.ScenarioRan();
    }

    /// <summary>
    /// Blob uploads are not replayed (the emulator's storage is Azurite), so before a model version is registered a file
    /// is put where the recording's model lives, as the recorded upload (or an earlier run) had put one.
    /// </summary>
    private static async Task PutModelFileAsync(WorkspaceEmulator emulator, RecordedExchange exchange)
    {
        string? uri = exchange.Method == "PUT" && exchange.Shape.StartsWith("PUT workspace/models/{model}/versions/", StringComparison.Ordinal)
            ? exchange.RequestBody?["properties"]?["modelUri"]?.ToString() : null;
        int paths = uri?.IndexOf("/datastores/workspaceblobstore/paths/", StringComparison.Ordinal) ?? -1;
        if (paths >= 0)
        {
            string blob = uri![(paths + "/datastores/workspaceblobstore/paths/".Length)..].TrimEnd('/');
            await emulator.BlobService!.GetBlobContainerClient(emulator.DefaultDatastoreContainer).GetBlobClient(blob).UploadAsync(BinaryData.FromString("recorded model file"), overwrite: true);
        }
    }

    /// <summary>
    /// Code versions the recording reads (200) but never registers were in the recorded workspace before it started (code
    /// is found by its content hash and reused across runs); they are registered in the emulator first, as they were.
    /// </summary>
    private static async Task SeedPreexistingCodeAsync(HttpClient http, WorkspaceEmulator emulator, IReadOnlyList<RecordedExchange> exchanges)
    {
        HashSet<string> registered = [.. exchanges.Where(e => e.Method == "PUT").Select(e => e.Uri.AbsolutePath)];
        foreach (RecordedExchange read in exchanges.Where(e => e.Method == "GET" && e.Status == 200
            && ArmShapes.Of(e.Uri.AbsolutePath) == "workspace/codes/{code}/versions/{version}" && !registered.Contains(e.Uri.AbsolutePath)))
        {
            var properties = (System.Text.Json.Nodes.JsonObject)read.ResponseBody!["properties"]!.DeepClone();
            properties.Remove("provisioningState");
            // The version read back has its hash sanitized; the hash lookup's answer has the real one.
            if (exchanges.FirstOrDefault(e => e.Uri.Query.Contains("hash=", StringComparison.Ordinal) && e.ResponseBody?["value"]?.ToJsonString().Contains(read.Uri.AbsolutePath.Split("/codes/")[1].Split('/')[0], StringComparison.Ordinal) == true)
                ?.ResponseBody?["value"]?[0]?["properties"]?["properties"] is { } hashed)
            {
                properties["properties"] = hashed.DeepClone();
            }
            using var body = new StringContent(new System.Text.Json.Nodes.JsonObject { ["properties"] = properties }.ToJsonString(), Encoding.UTF8, "application/json");
            using HttpResponseMessage seeded = await http.PutAsync(read.PathAndQueryIn(emulator.WorkspaceResourceId), body);
            seeded.EnsureSuccessStatusCode();
        }
    }

    [Test, Order(2)]
    public void EveryAllowlistEntryIsStillNeeded() => FidelityAllowlist.Differences.AssertEveryEntryIsNeeded(Scenarios().Count());
}
