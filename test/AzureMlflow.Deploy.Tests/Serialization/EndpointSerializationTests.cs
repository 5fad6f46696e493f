using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Wire;
using AzureMlflow.Deploy.Yaml;
using AzureMlflow.Deploy.Tests.Infrastructure;
using NUnit.Framework;

namespace AzureMlflow.Deploy.Tests.Serialization;

public class EndpointSerializationTests
{
    [Test]
    public void ReadsTheServiceShapeOfAnOnlineEndpoint()
    {
        var data = Json.Received(ExampleFiles.Read("cli-yaml/endpoints/online/online_endpoint_rest.json"), Json.Context.OnlineEndpointData);
        OnlineEndpoint endpoint = EndpointMapper.FromWire(data);

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Name, Is.EqualTo("endpoint-20250204"));
            Assert.That(endpoint.Id, Does.EndWith("/onlineEndpoints/endpoint-20250204"));
            Assert.That(endpoint.Description, Is.EqualTo("online endpoint creation"));
            Assert.That(endpoint.AuthMode, Is.EqualTo(EndpointAuthMode.Key));
            Assert.That(endpoint.ScoringUri, Is.EqualTo(new Uri("https://endpoint-20250204.eastus.inference.ml.azure.com/score")));
            Assert.That(endpoint.OpenApiUri, Is.EqualTo(new Uri("https://endpoint-20250204.eastus.inference.ml.azure.com/swagger.json")));
            Assert.That(endpoint.ProvisioningState, Is.EqualTo(EndpointProvisioningState.Succeeded));
            Assert.That(endpoint.PublicNetworkAccess, Is.EqualTo(NetworkAccess.Enabled));
            Assert.That(endpoint.Traffic, Is.EquivalentTo(new Dictionary<string, int> { ["blue"] = 90, ["green"] = 10 }));
            Assert.That(endpoint.MirrorTraffic, Is.EquivalentTo(new Dictionary<string, int> { ["blue"] = 10 }));
            Assert.That(endpoint.Properties["enforce_access_to_default_secret_stores"], Is.EqualTo("True"));
            Assert.That(endpoint.Location, Is.EqualTo("eastus"));
            Assert.That(endpoint.Identity!.Type, Is.EqualTo(ManagedIdentityType.SystemAssigned));
            Assert.That(endpoint.Identity.PrincipalId, Is.EqualTo("afd4cab2-some-id"));
        });
    }

    [Test]
    public void WritesTheBodyThePythonSdkSends()
    {
        // The recorded PUT body of online_endpoint_create_mir.yml (aml_token, description, tags, empty traffic).
        var endpoint = new ManagedOnlineEndpoint("mire2etest") { AuthMode = EndpointAuthMode.AmlToken, Description = "some description" };
        endpoint.Tags["endpointkey1"] = "newval1";

        JsonObject body = Json.Sent(EndpointMapper.ToWire(endpoint, "westus"), Json.Context.OnlineEndpointData);

        Assert.That(body.ToJsonString(), Is.EqualTo(
            """{"location":"westus","tags":{"endpointkey1":"newval1"},"identity":{"type":"SystemAssigned"},"properties":{"description":"some description","properties":{},"authMode":"AMLToken","traffic":{},"mirrorTraffic":{}}}"""));
    }

    [TestCase("Key", "key")]
    [TestCase("AMLToken", "aml_token")]
    [TestCase("AADToken", "aad_token")]
    public void AuthModesUseTheServiceSpellingOnTheWireAndTheCliSpellingInYaml(string wire, string yaml)
    {
        EndpointAuthMode mode = new[] { EndpointAuthMode.Key, EndpointAuthMode.AmlToken, EndpointAuthMode.AadToken }.Single(m => m.ToString() == wire);

        Assert.That(EndpointMapper.ToWire(new ManagedOnlineEndpoint("ep") { AuthMode = mode }, "eastus").Properties!.AuthMode, Is.EqualTo(wire));
        Assert.That(CliYamlParts.EnumToYaml(mode), Is.EqualTo(yaml));
        Assert.That(new EndpointAuthMode(wire.ToLowerInvariant()), Is.EqualTo(mode), "the service's values compare case-insensitively");
    }

    [Test]
    public void ValuesTheServiceAddsLaterAreKeptAsTheyAre()
    {
        var data = Json.Received(
            """{"name":"ep","location":"eastus","identity":{"type":"SystemAssigned, UserAssigned"},"properties":{"authMode":"FutureAuth","provisioningState":"Migrating","publicNetworkAccess":"SecuredByPerimeter"}}""",
            Json.Context.OnlineEndpointData);
        OnlineEndpoint endpoint = EndpointMapper.FromWire(data);

        Assert.That(
            (endpoint.AuthMode.ToString(), endpoint.ProvisioningState?.ToString(), endpoint.PublicNetworkAccess?.ToString(), endpoint.Identity!.Type),
            Is.EqualTo(("FutureAuth", "Migrating", "SecuredByPerimeter", ManagedIdentityType.SystemAssignedUserAssigned)));
        Assert.That(EndpointMapper.ToWire(endpoint, "eastus").Properties!.AuthMode, Is.EqualTo("FutureAuth"), "an unknown value is sent back unchanged");
    }

    [Test]
    public void TrafficDropsZeroEntriesAndLowerCasesNames()
    {
        var endpoint = new ManagedOnlineEndpoint("ep-one");
        endpoint.Traffic["Blue"] = 100;
        endpoint.Traffic["green"] = 0;
        endpoint.MirrorTraffic["GREEN"] = 20;
        endpoint.PublicNetworkAccess = NetworkAccess.Disabled;

        JsonObject properties = Json.Sent(EndpointMapper.ToWire(endpoint, "eastus"), Json.Context.OnlineEndpointData)["properties"]!.AsObject();

        Assert.That(properties["traffic"]!.ToJsonString(), Is.EqualTo("""{"blue":100}"""));
        Assert.That(properties["mirrorTraffic"]!.ToJsonString(), Is.EqualTo("""{"green":20}"""));
        Assert.That(properties["publicNetworkAccess"]!.GetValue<string>(), Is.EqualTo("Disabled"));
    }

    [Test]
    public void UserAssignedIdentitiesAreSentAsAMap()
    {
        var endpoint = new ManagedOnlineEndpoint("ep-two") { Identity = new ManagedIdentity(ManagedIdentityType.SystemAssignedUserAssigned) };
        endpoint.Identity.UserAssignedIdentities.Add("/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1");

        JsonObject identity = Json.Sent(EndpointMapper.ToWire(endpoint, "eastus"), Json.Context.OnlineEndpointData)["identity"]!.AsObject();

        Assert.That(identity["type"]!.GetValue<string>(), Is.EqualTo("SystemAssigned,UserAssigned"));
        Assert.That(identity["userAssignedIdentities"]!.AsObject().Select(p => p.Key),
            Is.EqualTo(new[] { "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1" }));
    }
}
