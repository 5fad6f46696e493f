using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Conformance;

/// <summary>
/// The public 2024-04-01 specification's operations on the resource types in scope, walked one by one against the
/// emulator: each is served (any answer but the emulator's own <c>NotEmulated</c>), or is one of the operations
/// <c>docs/emulator-rest-coverage.md</c> lists as not emulated and answers 501 <c>NotEmulated</c>, never a 404 or a
/// status a client would take for success. README states the coverage that follows.
/// </summary>
[NonParallelizable]
public sealed partial class RestSurfaceTests
{
    private const string ApiVersion = "2024-04-01";
    private WorkspaceEmulator _emulator = null!;
    private HttpClient _http = null!;

    private static string Coverage => RepositoryPaths.Combine("docs", "emulator-rest-coverage.md");

    [GeneratedRegex(@"^\| `(?<operation>\w+_\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex NotEmulatedRow();

    [GeneratedRegex(@"\{(?<name>[^}]+)\}")]
    private static partial Regex PathParameter();

    /// <summary>The specification's operations: id, method and path template.</summary>
    private static IEnumerable<(string Operation, string Method, string Path)> Operations() =>
        File.ReadLines(RepositoryPaths.Combine("test", "AzureMlflow.Deploy.Tests", "Conformance", "RestSurface", "operations-2024-04-01.tsv"))
            .Skip(1).Select(line => line.Split('\t')).Select(c => (c[0], c[1], c[2]));

    private static HashSet<string> NotEmulated() => [.. NotEmulatedRow().Matches(File.ReadAllText(Coverage)).Select(m => m.Groups["operation"].Value)];

    public static IEnumerable<TestCaseData> EveryOperation() =>
        Operations().Select(o => new TestCaseData(o.Operation, o.Method, o.Path).SetName($"REST {o.Operation}"));

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _emulator = await EmulatorClients.StartFastAsync(o => o.ProvisioningDuration = TimeSpan.Zero);
        _http = new HttpClient(_emulator.CreateHttpMessageHandler()) { BaseAddress = _emulator.BaseUri };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "rest-surface");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [TestCaseSource(nameof(EveryOperation))]
    public async Task TheOperationIsServedOrSaysItIsNotEmulated(string operation, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(path) + $"?api-version={ApiVersion}");
        if (method is "PUT" or "PATCH" or "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        using HttpResponseMessage response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        string? code = body.StartsWith('{') ? JsonNode.Parse(body)?["error"]?["code"]?.GetValue<string>() : null;

        if (NotEmulated().Contains(operation))
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(501), body);
            Assert.That(code, Is.EqualTo("NotEmulated"), body);
            Assert.That(body, Does.Contain(method).And.Contain("does not emulate"));
        }
        else
        {
            Assert.That(code, Is.Not.EqualTo("NotEmulated"), $"{method} {path} is not served, and docs/emulator-rest-coverage.md does not list it: {body}");
            Assert.That((int)response.StatusCode, Is.Not.EqualTo(405).And.Not.EqualTo(501), body);
        }
    }

    [Test]
    public void EveryListedOperationIsAnOperationOfTheSpecification() =>
        Assert.That(NotEmulated(), Is.SubsetOf(Operations().Select(o => o.Operation)));

    [Test]
    public void ReadmeAndTheDocsStateTheCoverage()
    {
        int total = Operations().Count();
        string figure = $"{total - NotEmulated().Count} of {total}";
        Assert.That(File.ReadAllText(Coverage), Does.Contain($"**{figure}**"));
        Assert.That(File.ReadAllText(RepositoryPaths.Combine("README.md")), Does.Contain(figure + " operations"));
        Assert.That(File.ReadAllText(RepositoryPaths.Combine("docs", "emulator-fidelity.md")), Does.Contain(figure + " operations"));
    }

    /// <summary>The path with this emulator's subscription, resource group, workspace and region, and a probe name for the rest.</summary>
    private string Concrete(string template) => PathParameter().Replace(template, m => m.Groups["name"].Value switch
    {
        "subscriptionId" => _emulator.Options.SubscriptionId,
        "resourceGroupName" => _emulator.Options.ResourceGroup,
        "workspaceName" => _emulator.Options.WorkspaceName,
        "location" => _emulator.Options.Location,
        "version" => "1",
        _ => "rest-probe",
    }).TrimStart('/');
}
