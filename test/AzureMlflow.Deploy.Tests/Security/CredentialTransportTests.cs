using AzureMlflow.Deploy.Scoring;
using AzureMlflow.Deploy.Tests.Infrastructure;
using AzureMlflow.Deploy.Uris;

namespace AzureMlflow.Deploy.Tests.Security;

/// <summary>Credentials travel only over HTTPS (or to loopback), and only to the hosts they belong to.</summary>
public sealed class CredentialTransportTests
{
    private static readonly Uri PublicCloud = new("https://management.azure.com/");

    [TestCase("http://management.example.com/")]
    [TestCase("http://127.0.0.1:8443/")]
    public void TheResourceManagerMustBeHttps(string endpoint)
    {
        var options = new MLClientOptions { ResourceManagerEndpoint = new Uri(endpoint) };
        Assert.That(() => new MLClient(new FakeCredential(), "s", "rg", "ws", options),
            Throws.ArgumentException.With.Message.Contains("must be an absolute https URI").And.Message.Contains(endpoint));
    }

    [TestCase("http://ep.eastus.inference.ml.azure.com/score", "over http")]
    [TestCase("ftp://localhost/score", "over ftp")]
    public void ScoringClientsRefusePlainHttpExceptToLoopback(string uri, string expected) =>
        Assert.That(() => new ScoringClient(new Uri(uri), new Azure.AzureKeyCredential("k")), Throws.ArgumentException.With.Message.Contains(expected));

    [TestCase("http://127.0.0.1:5000/invocations")]
    [TestCase("http://localhost:5000/invocations")]
    [TestCase("http://[::1]:5000/invocations")]
    public void PlainHttpToLoopbackIsAllowedForLocalServers(string uri) =>
        Assert.That(new ScoringClient(new Uri(uri), new Azure.AzureKeyCredential("k")).ScoringUri, Is.EqualTo(new Uri(uri)));

    [TestCase("https://my-ep.eastus.inference.ml.azure.com/score", "https://management.azure.com/")]
    [TestCase("https://my-ep.chinaeast2.inference.ml.azure.cn/score", "https://management.chinacloudapi.cn/")]
    [TestCase("https://my-ep.usgovvirginia.inference.ml.azure.us/score", "https://management.usgovcloudapi.net/")]
    [TestCase("https://127.0.0.1:4431/onlineEndpoints/ep/score", "https://127.0.0.1:4430/")]
    public void ServiceReportedScoringUrisOnTheCloudsInferenceDomainAreUsed(string scoring, string arm) =>
        Assert.That(ScoringUris.EnsureFromService(new Uri(scoring), new Uri(arm), []), Is.EqualTo(new Uri(scoring)));

    [TestCase("https://attacker.example.com/score", "'attacker.example.com', which is not under 'inference.ml.azure.com'")]
    [TestCase("https://inference.ml.azure.com.example.com/score", "not under 'inference.ml.azure.com'")]
    [TestCase("https://my-ep.eastus.inference.ml.azure.cn/score", "not under 'inference.ml.azure.com'")]
    public void ServiceReportedScoringUrisElsewhereAreRefused(string scoring, string expected) =>
        Assert.That(() => ScoringUris.EnsureFromService(new Uri(scoring), PublicCloud, []),
            Throws.InvalidOperationException.With.Message.Contains(expected).And.Message.Contains("TrustedScoringDomains"));

    [Test]
    public void TheEmulatorsScoringUrisMustStayOnLoopback() =>
        Assert.That(() => ScoringUris.EnsureFromService(new Uri("https://my-ep.eastus.inference.ml.azure.com/score"), new Uri("https://127.0.0.1:4430/"), []),
            Throws.InvalidOperationException.With.Message.Contains("not loopback"));

    [Test]
    public void ACloudTheClientDoesNotKnowNeedsItsDomainTrustedExplicitly()
    {
        var sovereign = new Uri("https://management.sovereign.example/");
        var scoring = new Uri("https://ep.region.inference.ml.sovereign.example/score");

        Assert.That(() => ScoringUris.EnsureFromService(scoring, sovereign, []), Throws.InvalidOperationException.With.Message.Contains("not under any trusted domain"));
        Assert.That(ScoringUris.EnsureFromService(scoring, sovereign, ["inference.ml.sovereign.example"]), Is.EqualTo(scoring));
    }
}
