using System.Collections;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Tests.Mocking;
using AzureMlflow.Deploy.Wire;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>
/// Nothing a user needs is lost when the SDK reads the service's answers: every field of every recorded resource body
/// (top level and <c>properties</c>) is either exposed on the entity (and carries a value when the service sent one) or
/// listed here with why it is not. A field the service starts sending fails this test until it is decided.
/// </summary>
public sealed class ResponseCoverageTests
{
    /// <summary>One field of a resource body: where the entity exposes it, or why it does not.</summary>
    private sealed record Field(string Path, Func<object, object?>? Read, string? WhyNot = null);

    private static Field On<T>(string path, Func<T, object?> read) => new(path, entity => read((T)entity));

    private static Field Not(string path, string why) => new(path, null, why);

    private static readonly Field[] Envelope =
    [
        Not("type", "the ARM resource type, implied by the entity's class"),
        Not("systemData", "audit metadata (created and modified by and at); read it from the raw response"),
        Not("properties.properties", "service-set bookkeeping (operation URIs, creation api-version); user properties are the entity's Properties"),
        Not("properties.provisioningState", "exposed where it changes (endpoints, deployments); assets are always Succeeded"),
    ];

    private sealed record Resource(string Kind, Regex Path, Func<Response, object> Read, Field[] Fields);

    private static readonly Resource[] Resources =
    [
        new("online endpoint", new(@"/onlineEndpoints/[^/]+$"), r => EndpointMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.OnlineEndpointData)),
        [
            .. Envelope.Where(f => f.Path != "properties.provisioningState"),
            On<ManagedOnlineEndpoint>("id", e => e.Id), On<ManagedOnlineEndpoint>("name", e => e.Name), On<ManagedOnlineEndpoint>("location", e => e.Location),
            On<ManagedOnlineEndpoint>("tags", e => e.Tags), On<ManagedOnlineEndpoint>("identity", e => e.Identity),
            Not("kind", "always Managed for the endpoints this SDK creates (Kubernetes endpoints are out of scope)"),
            On<ManagedOnlineEndpoint>("properties.description", e => e.Description), On<ManagedOnlineEndpoint>("properties.authMode", e => e.AuthMode),
            On<ManagedOnlineEndpoint>("properties.scoringUri", e => e.ScoringUri), On<ManagedOnlineEndpoint>("properties.swaggerUri", e => e.OpenApiUri),
            On<ManagedOnlineEndpoint>("properties.traffic", e => e.Traffic), On<ManagedOnlineEndpoint>("properties.mirrorTraffic", e => e.MirrorTraffic),
            On<ManagedOnlineEndpoint>("properties.publicNetworkAccess", e => e.PublicNetworkAccess), On<ManagedOnlineEndpoint>("properties.provisioningState", e => e.ProvisioningState),
            Not("properties.compute", "the Kubernetes compute of a Kubernetes endpoint; null for managed endpoints"),
        ]),
        new("online deployment", new(@"/onlineEndpoints/[^/]+/deployments/[^/]+$"), r => DeploymentMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.OnlineDeploymentData)),
        [
            .. Envelope.Where(f => f.Path != "properties.provisioningState"),
            On<ManagedOnlineDeployment>("id", d => d.Id), On<ManagedOnlineDeployment>("name", d => d.Name), On<ManagedOnlineDeployment>("location", d => d.Location),
            On<ManagedOnlineDeployment>("tags", d => d.Tags), On<ManagedOnlineDeployment>("sku", d => d.InstanceCount),
            Not("kind", "always Managed (managed online deployments are what this SDK deploys)"),
            On<ManagedOnlineDeployment>("properties.description", d => d.Description), On<ManagedOnlineDeployment>("properties.model", d => d.Model),
            On<ManagedOnlineDeployment>("properties.instanceType", d => d.InstanceType), On<ManagedOnlineDeployment>("properties.requestSettings", d => d.RequestSettings),
            On<ManagedOnlineDeployment>("properties.livenessProbe", d => d.LivenessProbe), On<ManagedOnlineDeployment>("properties.readinessProbe", d => d.ReadinessProbe),
            On<ManagedOnlineDeployment>("properties.environmentVariables", d => d.EnvironmentVariables), On<ManagedOnlineDeployment>("properties.appInsightsEnabled", d => d.AppInsightsEnabled),
            On<ManagedOnlineDeployment>("properties.egressPublicNetworkAccess", d => d.EgressPublicNetworkAccess), On<ManagedOnlineDeployment>("properties.environmentId", d => d.Environment),
            On<ManagedOnlineDeployment>("properties.codeConfiguration", d => d.CodeConfiguration), On<ManagedOnlineDeployment>("properties.provisioningState", d => d.ProvisioningState),
            Not("properties.endpointComputeType", "always Managed"),
            Not("properties.scaleSettings", "always Default scaling for managed deployments (target-utilization scaling is for Kubernetes)"),
            On<ManagedOnlineDeployment>("properties.modelMountPath", d => d.ModelMountPath),
            Not("properties.dataCollector", "production data collection is not configured by this SDK"),
            Not("properties.privateNetworkConnection", "replaced by egressPublicNetworkAccess in later api-versions"),
        ]),
        new("batch endpoint", new(@"/batchEndpoints/[^/]+$"), r => BatchMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.BatchEndpointData)),
        [
            .. Envelope.Where(f => f.Path != "properties.provisioningState"),
            On<BatchEndpoint>("id", e => e.Id), On<BatchEndpoint>("name", e => e.Name), On<BatchEndpoint>("location", e => e.Location), On<BatchEndpoint>("tags", e => e.Tags),
            On<BatchEndpoint>("properties.description", e => e.Description), On<BatchEndpoint>("properties.authMode", e => e.AuthMode),
            On<BatchEndpoint>("properties.scoringUri", e => e.ScoringUri), On<BatchEndpoint>("properties.swaggerUri", e => e.OpenApiUri),
            On<BatchEndpoint>("properties.defaults", e => e.DefaultDeploymentName), On<BatchEndpoint>("properties.provisioningState", e => e.ProvisioningState),
        ]),
        new("model version", new(@"/models/[^/]+/versions/[^/]+$"), r => ModelMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.ModelVersionData)),
        [
            .. Envelope,
            On<Model>("id", m => m.Id), On<Model>("name", m => m.Version),
            On<Model>("properties.description", m => m.Description), On<Model>("properties.tags", m => m.Tags), On<Model>("properties.flavors", m => m.Flavors),
            On<Model>("properties.modelType", m => m.Type), On<Model>("properties.modelUri", m => m.Path), On<Model>("properties.isArchived", m => m.IsArchived),
            On<Model>("properties.stage", m => m.Stage), On<Model>("properties.jobName", m => m.JobName),
            Not("properties.isAnonymous", "anonymous versions are the ones registered without a name (this SDK always names them)"),
            Not("properties.autoDeleteSetting", "auto-deletion of versions is not configured by this SDK"),
            Not("properties.intellectualProperty", "set on registry models from publishers, not on workspace models"),
        ]),
        new("datastore", new(@"/datastores/[^/]+$"), r => DatastoreMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.DatastoreData)),
        [
            .. Envelope,
            On<Datastore>("id", d => d.Id), On<Datastore>("name", d => d.Name),
            On<Datastore>("properties.description", d => d.Description), On<Datastore>("properties.tags", d => d.Tags),
            On<Datastore>("properties.datastoreType", d => d.DatastoreType), On<Datastore>("properties.accountName", d => d.AccountName),
            On<Datastore>("properties.containerName", d => d.ContainerName), On<Datastore>("properties.endpoint", d => d.Endpoint),
            On<Datastore>("properties.protocol", d => d.Protocol), On<Datastore>("properties.isDefault", d => d.IsDefault),
            On<Datastore>("properties.credentials", d => d.CredentialsType),
            Not("properties.subscriptionId", "the storage account's subscription; the account name and endpoint are what uploads use"),
            Not("properties.resourceGroup", "the storage account's resource group; the account name and endpoint are what uploads use"),
            Not("properties.serviceDataAccessAuthIdentity", "which identity the service uses for studio previews; not used by this SDK"),
        ]),
        new("workspace", new(@"/workspaces/[^/]+$"), r => WorkspaceMapper.FromWire(ArmRestClient.Read(r, WireJsonContext.Default.WorkspaceData), "ws"),
        [
            .. Envelope.Where(f => f.Path is "type" or "systemData"),
            On<Workspace>("id", w => w.Id), On<Workspace>("name", w => w.Name), On<Workspace>("location", w => w.Location), On<Workspace>("tags", w => w.Tags),
            On<Workspace>("properties.friendlyName", w => w.DisplayName), On<Workspace>("properties.description", w => w.Description),
            On<Workspace>("properties.workspaceId", w => w.WorkspaceId), On<Workspace>("properties.discoveryUrl", w => w.DiscoveryUrl),
            On<Workspace>("properties.mlFlowTrackingUri", w => w.MlflowTrackingUri), On<Workspace>("properties.storageAccount", w => w.StorageAccount),
            On<Workspace>("properties.keyVault", w => w.KeyVault), On<Workspace>("properties.containerRegistry", w => w.ContainerRegistry),
            On<Workspace>("properties.applicationInsights", w => w.ApplicationInsights),
            .. new[]
            {
                "etag", "identity", "kind", "sku", "properties.hbiWorkspace", "properties.tenantId", "properties.imageBuildCompute", "properties.provisioningState",
                "properties.managedNetwork", "properties.allowRoleAssignmentOnRG", "properties.v1LegacyMode", "properties.softDeleteEnabled", "properties.creationTime",
                "properties.notebookInfo", "properties.storageHnsEnabled", "properties.linkedModelInventoryArmId", "properties.privateLinkCount",
                "properties.publicNetworkAccess", "properties.ipAllowlist", "properties.serverlessComputeSettings", "properties.EnableSoftwareBillOfMaterials",
                "properties.sdkTelemetryAppInsightsKey", "properties.sasGetterUri", "properties.enableDataIsolation", "properties.systemDatastoresAuthMode",
                "properties.enableServiceSideCMKEncryption", "properties.azureOpenAI", "properties.azureCognitiveSearch", "properties.azureAIContentSafety",
                "properties.endpointResources",
            }.Select(path => Not(path, "workspace administration (networking, encryption, identity, linked services), which this deployment SDK does not manage")),
        ]),
    ];

    public static IEnumerable<TestCaseData> Cases() => Resources.Select(r => new TestCaseData(r.Kind).SetName($"Every field of a recorded {r.Kind} is exposed or explained"));

    [TestCaseSource(nameof(Cases))]
    public void EveryRecordedFieldIsExposedOrExplained(string kind)
    {
        Resource resource = Resources.Single(r => r.Kind == kind);
        Dictionary<string, Field> fields = resource.Fields.ToDictionary(f => f.Path);
        var bodies = ServiceRecordings.Scenarios().SelectMany(ServiceRecordings.Load)
            .Where(e => e.Method == "GET" && e.Status == 200 && resource.Path.IsMatch(e.Uri.AbsolutePath) && e.ResponseBody is JsonObject)
            .Select(e => (Exchange: e, Body: e.ResponseBody!.AsObject())).ToList();
        Assert.That(bodies, Is.Not.Empty, $"the recordings hold a {kind}");

        var problems = new List<string>();
        foreach ((RecordedExchange exchange, JsonObject body) in bodies)
        {
            var response = new FakeResponse(200) { ContentStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString())) };
            object entity = resource.Read(response);
            foreach ((string path, JsonNode? value) in Paths(body))
            {
                if (!fields.TryGetValue(path, out Field? field))
                {
                    problems.Add($"{exchange.Shape}: '{path}' is neither exposed nor explained");
                }
                else if (field.Read is { } read && HasValue(value) && !HasValue(read(entity)))
                {
                    problems.Add($"{exchange.Shape}: '{path}' is {value!.ToJsonString()} in the answer but empty on the entity");
                }
            }
        }
        Assert.That(problems.Distinct(), Is.Empty);
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Paths(JsonObject body)
    {
        foreach ((string key, JsonNode? value) in body)
        {
            if (key == "properties" && value is JsonObject properties)
            {
                foreach ((string inner, JsonNode? innerValue) in properties)
                {
                    yield return ("properties." + inner, innerValue);
                }
            }
            else
            {
                yield return (key, value);
            }
        }
    }

    /// <summary>Whether a value says anything: not null, not empty, and (for objects) with at least one such member.</summary>
    private static bool HasValue(object? value) => value switch
    {
        null => false,
        JsonObject o => o.Any(p => HasValue(p.Value)),
        JsonArray a => a.Count > 0,
        JsonValue v when v.TryGetValue(out string? text) => text.Length > 0,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };
}
