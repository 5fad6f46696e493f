using System.Text.Json.Serialization;

namespace AzureMlflow.Deploy.Wire;

/// <summary>
/// Source-generated serializers for every wire type: no reflection at run time, so the library is trimming- and AOT-safe.
/// Nulls are omitted, as the service treats an absent property and a null one differently on PUT.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(OnlineEndpointData))]
[JsonSerializable(typeof(ResourceList<OnlineEndpointData>))]
[JsonSerializable(typeof(OnlineDeploymentData))]
[JsonSerializable(typeof(ResourceList<OnlineDeploymentData>))]
[JsonSerializable(typeof(ModelVersionData))]
[JsonSerializable(typeof(EnvironmentVersionData))]
[JsonSerializable(typeof(CodeVersionData))]
[JsonSerializable(typeof(ResourceList<CodeVersionData>))]
[JsonSerializable(typeof(PendingUploadRequestData))]
[JsonSerializable(typeof(PendingUploadResponseData))]
[JsonSerializable(typeof(EnvironmentContainerData))]
[JsonSerializable(typeof(ResourceList<EnvironmentVersionData>))]
[JsonSerializable(typeof(ResourceList<EnvironmentContainerData>))]
[JsonSerializable(typeof(ResourceList<ModelVersionData>))]
[JsonSerializable(typeof(ModelContainerData))]
[JsonSerializable(typeof(ResourceList<ModelContainerData>))]
[JsonSerializable(typeof(WorkspaceData))]
[JsonSerializable(typeof(EndpointKeysData))]
[JsonSerializable(typeof(EndpointTokenData))]
[JsonSerializable(typeof(RegenerateKeysRequestData))]
[JsonSerializable(typeof(DeploymentLogsRequestData))]
[JsonSerializable(typeof(DeploymentLogsData))]
[JsonSerializable(typeof(OperationStatusData))]
[JsonSerializable(typeof(ProvisioningStateProbeData))]
[JsonSerializable(typeof(ErrorResponseData))]
[JsonSerializable(typeof(LroStateData))]
[JsonSerializable(typeof(DatastoreData))]
[JsonSerializable(typeof(JobData))]
[JsonSerializable(typeof(ResourceList<JobData>))]
[JsonSerializable(typeof(BatchJobRequestData))]
[JsonSerializable(typeof(BatchEndpointData))]
[JsonSerializable(typeof(ComputeData))]
[JsonSerializable(typeof(ResourceList<ComputeData>))]
[JsonSerializable(typeof(ResourceList<BatchEndpointData>))]
[JsonSerializable(typeof(BatchDeploymentData))]
[JsonSerializable(typeof(ResourceList<BatchDeploymentData>))]
[JsonSerializable(typeof(ResourceList<DatastoreData>))]
[JsonSerializable(typeof(ListSecretsRequestData))]
[JsonSerializable(typeof(DatastoreSecretsData))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
}
