using System.Diagnostics;
using Azure;
using AzureMlflow.Deploy.Emulator;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AzureMlflow.Deploy.Aspire.Tests.Client;

/// <summary>
/// The client integration in a service's host, without the app host: what it registers from a connection string and
/// configuration, the health check, the keyed variants, and the spans it hands to OpenTelemetry, against a real emulator.
/// </summary>
[NonParallelizable]
public sealed class ClientIntegrationTests
{
    private WorkspaceEmulator _emulator = null!;
    private string _endpoint = null!;

    [OneTimeSetUp]
    public async Task StartAndDeploy()
    {
        _emulator = await WorkspaceEmulator.StartAsync(new EmulatorOptions { ProvisioningDuration = TimeSpan.FromMilliseconds(40) });
        MLClient ml = MLClient.FromConnectionString(_emulator.ConnectionString, options: new MLClientOptions { PollingInterval = TimeSpan.FromMilliseconds(20) });
        _endpoint = "aspire-client";
        Model model = (await ml.Models.CreateOrUpdateAsync(new Model { Name = "diabetes-linear", Type = ModelType.MlflowModel, Path = SampleModel.Folder })).Value;
        await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(_endpoint));
        await ml.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", _endpoint) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
        await ml.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, _endpoint, new Dictionary<string, int> { ["blue"] = 100 });
    }

    [OneTimeTearDown]
    public async Task Stop() => await _emulator.DisposeAsync();

    private static HostApplicationBuilder Builder(params (string Key, string? Value)[] settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
        return builder;
    }

    private static DataFramePayload Rows(out double[] expected)
    {
        expected = SampleModel.SampleRows().Select(SampleModel.Predict).ToArray();
        return SampleModel.SamplePayload();
    }

    [Test]
    public async Task TheClientComesFromTheConnectionStringScoresAndReportsHealthy()
    {
        HostApplicationBuilder builder = Builder(("ConnectionStrings:ml", _emulator.ConnectionString));
        builder.AddAzureMLClient("ml");
        using IHost host = builder.Build();

        MLClient ml = host.Services.GetRequiredService<MLClient>();
        Assert.That(host.Services.GetRequiredService<MLClient>(), Is.SameAs(ml), "one client per app, as Azure clients are");
        ScoringResult result = await ml.OnlineEndpoints.InvokeAsync(_endpoint, Rows(out double[] expected));
        Assert.That(result.ToDoubleArray(), Is.EqualTo(expected).Within(1e-4));

        HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.That(health.Entries["AzureML_ml"].Status, Is.EqualTo(HealthStatus.Healthy), health.Entries["AzureML_ml"].Description);
    }

    [Test]
    public async Task AWorkspaceThatDoesNotAnswerIsUnhealthy()
    {
        // The emulator's connection string, but a workspace it does not hold: the GET is a 404, so the check fails.
        string missing = _emulator.ConnectionString.Replace($"WorkspaceName={_emulator.Options.WorkspaceName}", "WorkspaceName=not-there", StringComparison.Ordinal);
        HostApplicationBuilder builder = Builder(("ConnectionStrings:ml", missing));
        builder.AddAzureMLClient("ml", configureClientOptions: o => o.Retry.MaxRetries = 0);
        using IHost host = builder.Build();

        HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.That(health.Entries["AzureML_ml"].Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(health.Entries["AzureML_ml"].Exception, Is.InstanceOf<RequestFailedException>().With.Property("Status").EqualTo(404));
    }

    [Test]
    public void SettingsComeFromTheNamedSectionAndTheCallbackWins()
    {
        HostApplicationBuilder builder = Builder(
            ("Aspire:AzureML:Client:SubscriptionId", "shared-subscription"),
            ("Aspire:AzureML:Client:prod:ResourceGroup", "rg-prod"),
            ("Aspire:AzureML:Client:prod:WorkspaceName", "ws-prod"),
            ("Aspire:AzureML:Client:prod:DisableHealthChecks", "true"),
            ("Aspire:AzureML:Client:staging:ResourceGroup", "rg-staging"),
            ("Aspire:AzureML:Client:staging:WorkspaceName", "ws-staging"));
        builder.AddKeyedAzureMLClient("prod", s => s.Credential = new FixedToken());
        builder.AddKeyedAzureMLClient("staging", s => { s.Credential = new FixedToken(); s.WorkspaceName = "ws-staging-2"; });
        using IHost host = builder.Build();

        MLClient prod = host.Services.GetRequiredKeyedService<MLClient>("prod");
        MLClient staging = host.Services.GetRequiredKeyedService<MLClient>("staging");
        Assert.That((prod.SubscriptionId, prod.ResourceGroupName, prod.WorkspaceName), Is.EqualTo(("shared-subscription", "rg-prod", "ws-prod")));
        Assert.That((staging.ResourceGroupName, staging.WorkspaceName), Is.EqualTo(("rg-staging", "ws-staging-2")));
        Assert.That(host.Services.GetService<MLClient>(), Is.Null, "keyed clients only");
        string[] checks = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToArray();
        Assert.That(checks, Is.EqualTo(new[] { "AzureML_staging" }), "prod turned its health check off");
    }

    [Test]
    public void AWorkspaceOrEndpointThatIsNotNamedIsAnErrorAtRegistrationThatSaysWhatToSet()
    {
        HostApplicationBuilder builder = Builder(("ConnectionStrings:ml", "SubscriptionId=s;ResourceGroup=r"));

        Assert.That(() => builder.AddAzureMLClient("ml"), Throws.InvalidOperationException
            .With.Message.Contains("ConnectionStrings:ml").And.Message.Contains("Aspire:AzureML:Client:ml:SubscriptionId"));
        Assert.That(() => builder.AddAzureMLScoringClient("diabetes"), Throws.InvalidOperationException
            .With.Message.Contains("ConnectionStrings:diabetes").And.Message.Contains("Aspire:AzureML:Scoring:diabetes:ScoringUri"));
    }

    [Test]
    public async Task TheSdksSpansAndTheirHttpSpansReachOpenTelemetry()
    {
        var spans = new List<Activity>();
        HostApplicationBuilder builder = Builder(("ConnectionStrings:ml", _emulator.ConnectionString));
        builder.AddAzureMLClient("ml");
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new Collect(spans)));
        using IHost host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<MLClient>().OnlineEndpoints.InvokeAsync(_endpoint, Rows(out _));
        await host.StopAsync();

        Activity invoke;
        lock (spans)
        {
            invoke = spans.Single(s => s.OperationName == "OnlineEndpointOperations.Invoke");
            Assert.That(invoke.Source.Name, Is.EqualTo("AzureMlflow.Deploy"));
            // Beneath it, Azure.Core's HTTP spans: the endpoint read and the scoring POST.
            List<Activity> http = spans.Where(s => s.Source.Name == "Azure.Core.Http" && s.ParentSpanId == invoke.SpanId).ToList();
            Assert.That(http.Select(s => s.GetTagItem("http.request.method") ?? s.GetTagItem("http.method")), Has.Some.EqualTo("POST"), string.Join(", ", spans.Select(s => $"{s.Source.Name}:{s.OperationName}")));
        }
    }

    [Test]
    public async Task TheScoringClientOfOneEndpointComesFromItsConnectionString()
    {
        MLClient ml = MLClient.FromConnectionString(_emulator.ConnectionString);
        Uri scoringUri = (await ml.OnlineEndpoints.GetAsync(_endpoint)).Value.ScoringUri!;
        string key = ((EndpointAuthKeys)(await ml.OnlineEndpoints.GetKeysAsync(_endpoint)).Value).PrimaryKey;
        string hash = _emulator.ConnectionString.Split(';').Single(p => p.StartsWith("CertificateHash=", StringComparison.Ordinal));
        HostApplicationBuilder builder = Builder(("ConnectionStrings:diabetes", $"ScoringUri={scoringUri};Key={key};{hash}"));
        builder.AddKeyedAzureMLScoringClient("diabetes");
        using IHost host = builder.Build();

        ScoringResult result = (await host.Services.GetRequiredKeyedService<ScoringClient>("diabetes").ScoreAsync(Rows(out double[] expected))).Value;

        Assert.That(result.ToDoubleArray(), Is.EqualTo(expected).Within(1e-4));
    }

    /// <summary>A token credential for clients these tests only build, never call.</summary>
    private sealed class FixedToken : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) => new("token", DateTimeOffset.MaxValue);

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Keeps every finished span.</summary>
    private sealed class Collect(List<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            lock (spans)
            {
                spans.Add(data);
            }
        }
    }
}
