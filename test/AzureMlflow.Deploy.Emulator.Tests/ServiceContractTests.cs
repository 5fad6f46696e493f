using System.Net;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Faults;
using AzureMlflow.Deploy.Emulator.Lro;

namespace AzureMlflow.Deploy.Emulator.Tests;

/// <summary>The emulator's ARM contract, checked with raw HTTP: LRO headers and status resources, service rules, auth, paging, faults.</summary>
public sealed class ServiceContractTests
{
    private WorkspaceEmulator _emulator = null!;
    private ArmClient _arm = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        // Operations end at once unless a test holds them open (HoldOperations), so no test depends on the machine's speed.
        var options = new EmulatorOptions { ProvisioningDuration = TimeSpan.Zero, PageSize = 2 };
        options.EndpointNamesTakenInRegion.Add("taken-elsewhere");
        _emulator = await WorkspaceEmulator.StartAsync(options);
        _arm = new ArmClient(_emulator);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _arm.Dispose();
        await _emulator.DisposeAsync();
    }

    [SetUp]
    public void Reset() => _emulator.Faults.Clear();

    [Test]
    public async Task CreatingAnEndpointIsALongRunningOperationThatEndsSucceeded()
    {
        using OperationHold hold = _emulator.HoldOperations("lro-ep");
        using HttpResponseMessage created = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/lro-ep", ArmClient.Endpoint());

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Uri status = created.Headers.GetValues("Azure-AsyncOperation").Select(v => new Uri(v)).Single();
        Assert.That(status.AbsolutePath, Does.Match("/subscriptions/[^/]+/providers/Microsoft.MachineLearningServices/locations/eastus/mfeOperationsStatus/oeidp:"));
        Assert.That(status.Query, Is.EqualTo("?api-version=" + ArmClient.ApiVersion));
        Assert.That(created.Headers.Location!.PathAndQuery, Is.EqualTo($"{_arm.Workspace}/onlineEndpoints/lro-ep?api-version={ArmClient.ApiVersion}"), "a PUT's Location is the resource itself");
        Assert.That(created.Headers.GetValues("x-ms-async-operation-timeout").Single(), Is.EqualTo("PT30M"));
        JsonObject body = await ArmClient.ReadAsync(created);
        Assert.That(body["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("Creating"));

        JsonObject inProgress = await ArmClient.ReadAsync(await _arm.SendAbsoluteAsync(HttpMethod.Get, status.ToString()));
        Assert.That(inProgress["status"]!.GetValue<string>(), Is.EqualTo("Updating"), "the service's running status");
        Assert.That(inProgress["endTime"]!.GetValue<string>(), Is.EqualTo("0001-01-01T00:00:00+00:00"));
        Assert.That(inProgress["percentComplete"]!.GetValue<double>(), Is.Zero);

        hold.Release();
        JsonObject done = await ArmClient.ReadAsync(await _arm.SendAbsoluteAsync(HttpMethod.Get, status.ToString()));
        Assert.That(done["status"]!.GetValue<string>(), Is.EqualTo("Succeeded"));
        Assert.That(done["endTime"]!.GetValue<string>(), Is.Not.EqualTo("0001-01-01T00:00:00+00:00"));
        Assert.That(done["percentComplete"]!.GetValue<double>(), Is.Zero, "the service leaves it at 0 even when done");
        JsonObject endpoint = await ArmClient.ReadAsync(await _arm.SendAsync(HttpMethod.Get, "/onlineEndpoints/lro-ep"));
        Assert.That(endpoint["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("Succeeded"));

        using HttpResponseMessage updated = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/lro-ep", ArmClient.Endpoint());
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the service answers an update 201 too");
        Assert.That((await ArmClient.ReadAsync(updated)).ContainsKey("location"), Is.False, "an update's answer leaves out the location");
    }

    [Test]
    public async Task DeletingAnswers202ThenTheResourceIsGone()
    {
        await CreateAndSettleAsync("del-ep");

        using OperationHold hold = _emulator.HoldOperations("del-ep");
        using HttpResponseMessage deleting = await _arm.SendAsync(HttpMethod.Delete, "/onlineEndpoints/del-ep");
        Assert.That(deleting.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await deleting.Content.ReadAsStringAsync(), Is.EqualTo("null"), "the service's body is the JSON literal null");
        Assert.That(deleting.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(deleting.Headers.Location!.AbsolutePath, Does.Contain("/mfeOperationResults/"));
        using HttpResponseMessage pending = await _arm.SendAbsoluteAsync(HttpMethod.Get, deleting.Headers.Location!.ToString());
        Assert.That(pending.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        using HttpResponseMessage stillThere = await _arm.SendAsync(HttpMethod.Get, "/onlineEndpoints/del-ep");
        Assert.That((await ArmClient.ReadAsync(stillThere))["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("Deleting"));

        hold.Release();
        using HttpResponseMessage result = await _arm.SendAbsoluteAsync(HttpMethod.Get, deleting.Headers.Location!.ToString());
        Assert.That(result.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using HttpResponseMessage gone = await _arm.SendAsync(HttpMethod.Get, "/onlineEndpoints/del-ep");
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        JsonObject error = (await ArmClient.ReadAsync(gone))["error"]!.AsObject();
        Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo("UserError"), "the service's top-level code for every 404");
        JsonNode inner = error["additionalInfo"]!.AsArray().Single(i => i!["type"]!.GetValue<string>() == "InnerError")!["info"]!["value"]!;
        Assert.That((inner["code"]!.GetValue<string>(), inner["innerError"]!["code"]!.GetValue<string>()), Is.EqualTo(("NotFound", "EndpointNotFound")));
        using HttpResponseMessage again = await _arm.SendAsync(HttpMethod.Delete, "/onlineEndpoints/del-ep");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "deleting what does not exist is not an error in ARM");
    }

    [TestCase("""{"blue":60}""", "sum to 100")]
    [TestCase("""{"ghost":100}""", "does not exist")]
    public async Task TrafficRulesAreEnforcedByTheService(string traffic, string expected)
    {
        using HttpResponseMessage response = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/traffic-ep", ArmClient.Endpoint(traffic: JsonNode.Parse(traffic)!.AsObject()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        JsonObject error = (await ArmClient.ReadAsync(response))["error"]!.AsObject();
        Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo("UserError"));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain(expected));
    }

    [Test]
    public async Task ADeploymentNeedsAnExistingEndpointAndAModelThatExists()
    {
        var deployment = new JsonObject
        {
            ["location"] = "eastus",
            ["sku"] = new JsonObject { ["name"] = "Default", ["capacity"] = 1 },
            ["properties"] = new JsonObject
            {
                ["endpointComputeType"] = "Managed",
                ["instanceType"] = "Standard_DS3_v2",
                ["model"] = $"{_arm.Workspace}/models/missing/versions/1",
            },
        };
        using HttpResponseMessage noEndpoint = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/nowhere/deployments/blue", deployment);
        Assert.That(noEndpoint.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        await CreateAndSettleAsync("dep-ep");
        using HttpResponseMessage noModel = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/dep-ep/deployments/blue", deployment);
        Assert.That(noModel.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ArmClient.ReadAsync(noModel))["error"]!["message"]!.GetValue<string>(), Does.Contain("was not found"));
    }

    [Test]
    public async Task ModelVersionsAreImmutableAndTheContainerTracksNextVersion()
    {
        JsonObject Version(string uri) => new() { ["properties"] = new JsonObject { ["modelUri"] = uri, ["modelType"] = "mlflow_model" } };

        using HttpResponseMessage created = await _arm.SendAsync(HttpMethod.Put, "/models/immutable/versions/1", Version("azureml://datastores/d/paths/a"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using HttpResponseMessage changed = await _arm.SendAsync(HttpMethod.Put, "/models/immutable/versions/1", Version("azureml://datastores/d/paths/b"));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ArmClient.ReadAsync(changed))["error"]!["message"]!.GetValue<string>(), Is.EqualTo("Asset paths cannot be updated."));

        JsonObject container = await ArmClient.ReadAsync(await _arm.SendAsync(HttpMethod.Get, "/models/immutable"));
        Assert.That(container["properties"]!["nextVersion"]!.GetValue<string>(), Is.EqualTo("2"));
        Assert.That(container["properties"]!["latestVersion"]!.GetValue<string>(), Is.EqualTo("1"));
    }

    [Test]
    public async Task RequestsWithoutABearerTokenOrApiVersionAreRefusedLikeArmDoes()
    {
        using var anonymous = new ArmClient(_emulator, token: null);
        using HttpResponseMessage unauthorized = await anonymous.SendAsync(HttpMethod.Get, "");
        Assert.That(unauthorized.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(unauthorized.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));

        using HttpResponseMessage noVersion = await _arm.SendAbsoluteAsync(HttpMethod.Get, _arm.Workspace);
        Assert.That(noVersion.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ArmClient.ReadAsync(noVersion))["error"]!["code"]!.GetValue<string>(), Is.EqualTo("MissingApiVersionParameter"));

        using HttpResponseMessage unknownVersion = await _arm.SendAbsoluteAsync(HttpMethod.Get, _arm.Workspace + "?api-version=2019-01-01");
        Assert.That(unknownVersion.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ArmClient.ReadAsync(unknownVersion))["error"]!["message"]!.GetValue<string>(), Does.Contain("'2019-01-01' is invalid").And.Contain("2025-09-01"));

        using HttpResponseMessage otherWorkspace = await _arm.SendAbsoluteAsync(HttpMethod.Get, _arm.Workspace + "-other?api-version=" + ArmClient.ApiVersion);
        Assert.That(otherWorkspace.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task TheEmulatorListensOnlyOnLoopback()
    {
        Assert.That(_emulator.BaseUri.Host, Is.EqualTo("127.0.0.1"));
        System.Net.IPAddress[] others = [.. System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .Where(a => !System.Net.IPAddress.IsLoopback(a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)];
        foreach (System.Net.IPAddress address in others)
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            Assert.That(async () => await socket.ConnectAsync(address, _emulator.BaseUri.Port), Throws.InstanceOf<System.Net.Sockets.SocketException>(),
                $"the emulator's port must not be reachable on {address}");
        }
        using var loopback = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await loopback.ConnectAsync(System.Net.IPAddress.Loopback, _emulator.BaseUri.Port);
        Assert.That(loopback.Connected, Is.True);
    }

    [Test]
    public async Task ScoringNeedsTheEndpointsKey()
    {
        await CreateAndSettleAsync("keyed-ep");
        JsonObject keys = await ArmClient.ReadAsync(await _arm.SendAsync(HttpMethod.Post, "/onlineEndpoints/keyed-ep/listKeys"));
        using var scoring = new HttpClient(_emulator.CreateHttpMessageHandler());
        var uri = new Uri(_emulator.BaseUri, "onlineEndpoints/keyed-ep/score");

        foreach (string? key in new[] { null, "wrong-key", (string)keys["primaryKey"]! })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent("""{"input_data": {"columns": ["x"], "data": [[1]]}}""", System.Text.Encoding.UTF8, "application/json") };
            if (key is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            }
            using HttpResponseMessage answer = await scoring.SendAsync(request);
            Assert.That(answer.StatusCode, key == (string)keys["primaryKey"]! ? Is.Not.EqualTo(HttpStatusCode.Unauthorized) : Is.EqualTo(HttpStatusCode.Unauthorized), key ?? "(no key)");
        }
    }

    [Test]
    public async Task EndpointNamesAreUniqueInTheRegionAcrossOnlineAndBatch()
    {
        using HttpResponseMessage elsewhere = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/taken-elsewhere", ArmClient.Endpoint());
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ArmClient.ReadAsync(elsewhere))["error"]!["message"]!.GetValue<string>(),
            Is.EqualTo("The specified endpoint name 'taken-elsewhere' is not available. Endpoint names must be unique within the region. Please choose a different name and try again."));

        using HttpResponseMessage online = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/shared-name", ArmClient.Endpoint());
        Assert.That(online.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using HttpResponseMessage batch = await _arm.SendAsync(HttpMethod.Put, "/batchEndpoints/shared-name",
            new JsonObject { ["location"] = "eastus", ["properties"] = new JsonObject { ["authMode"] = "AADToken" } });
        Assert.That(batch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a batch endpoint cannot take an online endpoint's name");
        using HttpResponseMessage update = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/shared-name", ArmClient.Endpoint());
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.Created), "updating one's own endpoint is not a name clash");
    }

    [Test]
    public async Task ListsPageWithNextLink()
    {
        foreach (string name in new[] { "page-a", "page-b", "page-c" })
        {
            await _arm.SendAsync(HttpMethod.Put, $"/models/{name}/versions/1", new JsonObject { ["properties"] = new JsonObject { ["modelUri"] = "azureml://datastores/d/paths/x" } });
        }
        JsonObject first = await ArmClient.ReadAsync(await _arm.SendAsync(HttpMethod.Get, "/models"));
        Assert.That(first["value"]!.AsArray(), Has.Count.EqualTo(2));
        string next = first["nextLink"]!.GetValue<string>();
        Assert.That(next, Does.Contain("$skipToken=2").And.Contain("api-version=" + ArmClient.ApiVersion));
        JsonObject second = await ArmClient.ReadAsync(await _arm.SendAbsoluteAsync(HttpMethod.Get, next));
        Assert.That(second["value"]!.AsArray(), Is.Not.Empty);
    }

    [Test]
    public async Task InjectedFaultsApplyToTheNextMatchingRequestsOnly()
    {
        _emulator.Faults.Add(new FaultRule { Method = "GET", PathContains = "/workspaces/", StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(3), Count = 2 });

        using HttpResponseMessage first = await _arm.SendAsync(HttpMethod.Get, "");
        using HttpResponseMessage second = await _arm.SendAsync(HttpMethod.Get, "");
        using HttpResponseMessage third = await _arm.SendAsync(HttpMethod.Get, "");

        Assert.That((first.StatusCode, second.StatusCode, third.StatusCode), Is.EqualTo(((HttpStatusCode)429, (HttpStatusCode)429, HttpStatusCode.OK)));
        Assert.That(first.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));

        _emulator.Faults.Add(new FaultRule { PathContains = "/workspaces/", Kind = FaultKind.DropConnection });
        Assert.ThrowsAsync<HttpRequestException>(() => _arm.SendAsync(HttpMethod.Get, ""));
    }

    [Test]
    public async Task AProvisioningFailureEndsTheOperationFailedWithTheError()
    {
        _emulator.Faults.FailNextProvisioning("doomed-ep", "QuotaExceeded", "Not enough quota.");
        using HttpResponseMessage created = await _arm.SendAsync(HttpMethod.Put, "/onlineEndpoints/doomed-ep", ArmClient.Endpoint());

        JsonObject status = await ArmClient.ReadAsync(await _arm.SendAbsoluteAsync(HttpMethod.Get, created.Headers.GetValues("Azure-AsyncOperation").Single()));

        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("Failed"));
        Assert.That(status["error"]!["code"]!.GetValue<string>(), Is.EqualTo("QuotaExceeded"));
        JsonObject endpoint = await ArmClient.ReadAsync(await _arm.SendAsync(HttpMethod.Get, "/onlineEndpoints/doomed-ep"));
        Assert.That(endpoint["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("Failed"));
    }

    private async Task CreateAndSettleAsync(string name)
    {
        using HttpResponseMessage created = await _arm.SendAsync(HttpMethod.Put, $"/onlineEndpoints/{name}", ArmClient.Endpoint());
        Assert.That(created.IsSuccessStatusCode, Is.True);
        JsonObject endpoint = await ArmClient.ReadAsync(await _arm.SendAsync(HttpMethod.Get, $"/onlineEndpoints/{name}"));
        Assert.That(endpoint["properties"]!["provisioningState"]!.GetValue<string>(), Is.EqualTo("Succeeded"), "nothing holds this fixture's operations");
    }
}
