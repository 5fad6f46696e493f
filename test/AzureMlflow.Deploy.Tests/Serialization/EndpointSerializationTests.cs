using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Mapping;
using AzureMlflow.Deploy.Tests.Infrastructure;
using NUnit.Framework;

namespace AzureMlflow.Deploy.Tests.Serialization;

public class EndpointSerializationTests
{
    [Test]
    public void ReadsTheServiceShapeOfAnOnlineEndpoint()
    {
        var data = Json.Received(ExampleFiles.Read("cli-yaml/endpoints/online/online_endpoint_rest.json"), Json.Context.OnlineEndpointData);
        ManagedOnlineEndpoint endpoint = EndpointMapper.FromWire(data);

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Name, Is.EqualTo("endpoint-20250204"));
            Assert.That(endpoint.Id, Does.EndWith("/onlineEndpoints/endpoint-20250204"));
            Assert.That(endpoint.Description, Is.EqualTo("online endpoint creation"));
            Assert.That(endpoint.AuthMode, Is.EqualTo(EndpointAuthMode.Key));
            Assert.That(endpoint.ScoringUri, Is.EqualTo(new Uri("https://endpoint-20250204.eastus.inference.ml.azure.com/score")));
            Assert.That(endpoint.OpenApiUri, Is.EqualTo(new Uri("https://endpoint-20250204.eastus.inference.ml.azure.com/swagger.json")));
            Assert.That(endpoint.ProvisioningState, Is.EqualTo("Succeeded"));
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
            """{"location":"westus","kind":"Managed","tags":{"endpointkey1":"newval1"},"identity":{"type":"SystemAssigned"},"properties":{"description":"some description","properties":{},"authMode":"AMLToken","traffic":{},"mirrorTraffic":{}}}"""));
    }

    [TestCase(EndpointAuthMode.Key, "Key")]
    [TestCase(EndpointAuthMode.AmlToken, "AMLToken")]
    [TestCase(EndpointAuthMode.AadToken, "AADToken")]
    public void AuthModesUseTheServiceCasingAndReadBackFromAnySpelling(EndpointAuthMode mode, string wire)
    {
        Assert.That(WireNames.ToWire(mode), Is.EqualTo(wire));
        Assert.That(WireNames.ParseAuthMode(wire), Is.EqualTo(mode));
        Assert.That(WireNames.ParseAuthMode(wire.ToLowerInvariant()), Is.EqualTo(mode));
    }

    [TestCase("aml_token", EndpointAuthMode.AmlToken)]
    [TestCase("aad_token", EndpointAuthMode.AadToken)]
    [TestCase("key", EndpointAuthMode.Key)]
    public void AuthModesAcceptCliYamlSpellings(string yaml, EndpointAuthMode mode) =>
        Assert.That(WireNames.ParseAuthMode(yaml), Is.EqualTo(mode));

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
