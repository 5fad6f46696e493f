namespace AzureMlflow.Deploy;

/// <summary>
/// Creates entities with the fields only the service sets (ids, provisioning states, scoring URIs, times), for unit tests
/// that mock <see cref="MLClient"/> and its operation groups. Settable fields can be set on the result as usual.
/// </summary>
public static partial class MLModelFactory
{
    /// <summary>An online endpoint as the service returns it.</summary>
    /// <param name="name">The endpoint name.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="scoringUri">The scoring URI.</param>
    /// <param name="openApiUri">The OpenAPI (swagger) URI.</param>
    /// <param name="provisioningState">The provisioning state, e.g. <c>Succeeded</c>.</param>
    /// <param name="traffic">The traffic split.</param>
    /// <param name="authMode">The auth mode; key when null.</param>
    public static ManagedOnlineEndpoint ManagedOnlineEndpoint(
        string name, string? id = null, Uri? scoringUri = null, Uri? openApiUri = null, EndpointProvisioningState? provisioningState = null,
        IDictionary<string, int>? traffic = null, EndpointAuthMode? authMode = null)
    {
        var endpoint = new ManagedOnlineEndpoint(name)
        {
            Id = id, ScoringUri = scoringUri, OpenApiUri = openApiUri, ProvisioningState = provisioningState, AuthMode = authMode ?? EndpointAuthMode.Key,
        };
        CopyInto(traffic, endpoint.Traffic);
        return endpoint;
    }

    /// <summary>An online deployment as the service returns it.</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="endpointName">The endpoint name.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="provisioningState">The provisioning state, e.g. <c>Succeeded</c>.</param>
    /// <param name="model">The model it serves.</param>
    /// <param name="instanceType">The VM size.</param>
    /// <param name="instanceCount">The instance count.</param>
    public static ManagedOnlineDeployment ManagedOnlineDeployment(
        string name, string endpointName, string? id = null, DeploymentProvisioningState? provisioningState = null, ModelReference? model = null,
        string? instanceType = null, int? instanceCount = null) =>
        new(name, endpointName)
        {
            Id = id, ProvisioningState = provisioningState, Model = model, InstanceType = instanceType, InstanceCount = instanceCount,
        };

    /// <summary>An online endpoint on a Kubernetes compute as the service returns it.</summary>
    /// <param name="name">The endpoint name.</param>
    /// <param name="compute">The ARM id of its Kubernetes compute.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="scoringUri">The scoring URI.</param>
    /// <param name="provisioningState">The provisioning state.</param>
    /// <param name="traffic">The traffic split.</param>
    public static KubernetesOnlineEndpoint KubernetesOnlineEndpoint(
        string name, string compute, string? id = null, Uri? scoringUri = null, EndpointProvisioningState? provisioningState = null, IDictionary<string, int>? traffic = null)
    {
        var endpoint = new KubernetesOnlineEndpoint(name, compute) { Id = id, ScoringUri = scoringUri, ProvisioningState = provisioningState };
        CopyInto(traffic, endpoint.Traffic);
        return endpoint;
    }

    /// <summary>A deployment on a Kubernetes endpoint as the service returns it.</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="endpointName">The endpoint name.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="provisioningState">The provisioning state.</param>
    /// <param name="model">The model it serves.</param>
    /// <param name="instanceType">The compute's instance type.</param>
    /// <param name="instanceCount">The instance count.</param>
    public static KubernetesOnlineDeployment KubernetesOnlineDeployment(
        string name, string endpointName, string? id = null, DeploymentProvisioningState? provisioningState = null, ModelReference? model = null,
        string? instanceType = null, int? instanceCount = null) =>
        new(name, endpointName)
        {
            Id = id, ProvisioningState = provisioningState, Model = model, InstanceType = instanceType, InstanceCount = instanceCount,
        };

    /// <summary>A registered environment version as the service returns it.</summary>
    /// <param name="name">The environment name.</param>
    /// <param name="version">The version.</param>
    /// <param name="image">The Docker image.</param>
    /// <param name="condaFileContent">The conda file's content.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="isArchived">Whether the version is archived.</param>
    /// <param name="isAnonymous">Whether the version was registered anonymously.</param>
    public static MLEnvironment MLEnvironment(string name, string version, string? image = null, string? condaFileContent = null, string? id = null, bool isArchived = false, bool isAnonymous = false) =>
        new() { Name = name, Version = version, Image = image, CondaFileContent = condaFileContent, Id = id, IsArchived = isArchived, IsAnonymous = isAnonymous };

    /// <summary>A registered code version as the service returns it.</summary>
    /// <param name="name">The code asset's name.</param>
    /// <param name="version">The version.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="codeUri">Where the code is stored.</param>
    /// <param name="contentHash">The registered content hash.</param>
    /// <param name="isAnonymous">Whether it was registered anonymously.</param>
    public static CodeAsset CodeAsset(string name, string version, string? id = null, Uri? codeUri = null, string? contentHash = null, bool isAnonymous = false) =>
        new() { Name = name, Version = version, Id = id, CodeUri = codeUri, ContentHash = contentHash, IsAnonymous = isAnonymous };

    /// <summary>A registered model version as the service returns it.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version.</param>
    /// <param name="type">The model type (custom by default).</param>
    /// <param name="path">The model's storage URI.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="isArchived">Whether the version is archived.</param>
    /// <param name="latestVersion">The container's latest version.</param>
    /// <param name="createdOn">When it was registered.</param>
    public static Model Model(
        string name, string? version = null, ModelType? type = null, string? path = null, string? id = null, bool isArchived = false,
        string? latestVersion = null, DateTimeOffset? createdOn = null) =>
        new()
        {
            Name = name, Version = version, Type = type ?? ModelType.CustomModel, Path = path, Id = id, IsArchived = isArchived,
            LatestVersion = latestVersion, CreatedOn = createdOn,
        };

    /// <summary>A batch endpoint as the service returns it.</summary>
    /// <param name="name">The endpoint name.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="scoringUri">The URI that starts jobs.</param>
    /// <param name="openApiUri">The OpenAPI (swagger) URI.</param>
    /// <param name="provisioningState">The provisioning state.</param>
    /// <param name="defaultDeploymentName">The default deployment.</param>
    public static BatchEndpoint BatchEndpoint(
        string name, string? id = null, Uri? scoringUri = null, Uri? openApiUri = null, EndpointProvisioningState? provisioningState = null,
        string? defaultDeploymentName = null) =>
        new(name)
        {
            Id = id, ScoringUri = scoringUri, OpenApiUri = openApiUri, ProvisioningState = provisioningState,
            DefaultDeploymentName = defaultDeploymentName,
        };

    /// <summary>A batch deployment as the service returns it.</summary>
    /// <param name="name">The deployment name.</param>
    /// <param name="endpointName">The endpoint name.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="provisioningState">The provisioning state.</param>
    /// <param name="model">The model it runs.</param>
    /// <param name="compute">The compute cluster.</param>
    public static BatchDeployment BatchDeployment(
        string name, string endpointName, string? id = null, DeploymentProvisioningState? provisioningState = null, ModelReference? model = null, string? compute = null) =>
        new ModelBatchDeployment(name, endpointName) { Id = id, ProvisioningState = provisioningState, Model = model, Compute = compute };

    /// <summary>A batch job as the service returns it.</summary>
    /// <param name="name">The job name.</param>
    /// <param name="status">The status.</param>
    /// <param name="endpointName">The batch endpoint.</param>
    /// <param name="deploymentName">The deployment that runs it.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="createdOn">When it was created.</param>
    /// <param name="startedOn">When it started.</param>
    /// <param name="endedOn">When it ended.</param>
    /// <param name="errorCode">The error code of a failed job.</param>
    /// <param name="errorMessage">The error message of a failed job.</param>
    /// <param name="outputs">The outputs, by name, as URIs.</param>
    public static BatchJob BatchJob(
        string name, JobStatus status, string? endpointName = null, string? deploymentName = null, string? id = null,
        DateTimeOffset? createdOn = null, DateTimeOffset? startedOn = null, DateTimeOffset? endedOn = null,
        string? errorCode = null, string? errorMessage = null, IDictionary<string, string>? outputs = null)
    {
        var job = new BatchJob(name)
        {
            Status = status, EndpointName = endpointName, DeploymentName = deploymentName, Id = id, CreatedOn = createdOn,
            StartedOn = startedOn, EndedOn = endedOn, ErrorCode = errorCode, ErrorMessage = errorMessage,
        };
        CopyInto(outputs, job.Outputs);
        return job;
    }

    /// <summary>A workspace as the service returns it.</summary>
    /// <param name="name">The workspace name.</param>
    /// <param name="location">The region.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="mlflowTrackingUri">The MLflow tracking URI.</param>
    /// <param name="discoveryUrl">The discovery URL.</param>
    /// <param name="workspaceId">The workspace GUID.</param>
    /// <param name="storageAccount">The ARM id of the linked storage account.</param>
    /// <param name="keyVault">The ARM id of the linked key vault.</param>
    /// <param name="containerRegistry">The ARM id of the linked container registry.</param>
    /// <param name="applicationInsights">The ARM id of the linked Application Insights.</param>
    /// <param name="tags">The workspace's tags.</param>
    public static Workspace Workspace(
        string name, string location, string? id = null, string? mlflowTrackingUri = null, Uri? discoveryUrl = null, string? workspaceId = null,
        string? storageAccount = null, string? keyVault = null, string? containerRegistry = null, string? applicationInsights = null,
        IDictionary<string, string>? tags = null)
    {
        var workspace = new Workspace(name, location)
        {
            Id = id, MlflowTrackingUri = mlflowTrackingUri, DiscoveryUrl = discoveryUrl, WorkspaceId = workspaceId, StorageAccount = storageAccount,
            KeyVault = keyVault, ContainerRegistry = containerRegistry, ApplicationInsights = applicationInsights,
        };
        CopyInto(tags, workspace.Tags);
        return workspace;
    }

    /// <summary>A blob datastore as the service returns it.</summary>
    /// <param name="name">The datastore name.</param>
    /// <param name="accountName">The storage account.</param>
    /// <param name="containerName">The container.</param>
    /// <param name="isDefault">Whether it is the workspace default.</param>
    /// <param name="credentialsType">How it authenticates (<c>AccountKey</c>, <c>Sas</c>, <c>None</c>).</param>
    /// <param name="endpoint">The storage endpoint suffix.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="id">The ARM id.</param>
    public static Datastore Datastore(
        string name, string accountName, string containerName, bool isDefault = false, string? credentialsType = null,
        string endpoint = "core.windows.net", string protocol = "https", string? id = null) =>
        new(name)
        {
            DatastoreType = "AzureBlob", AccountName = accountName, ContainerName = containerName, IsDefault = isDefault,
            CredentialsType = credentialsType, Endpoint = endpoint, Protocol = protocol, Id = id,
        };

    /// <summary>A managed identity as the service returns it.</summary>
    /// <param name="type">The identity type.</param>
    /// <param name="principalId">The principal id.</param>
    /// <param name="tenantId">The tenant id.</param>
    public static ManagedIdentity ManagedIdentity(ManagedIdentityType type, string? principalId = null, string? tenantId = null) =>
        new(type) { PrincipalId = principalId, TenantId = tenantId };

    /// <summary>A scoring response.</summary>
    /// <param name="content">The response body, e.g. <c>BinaryData.FromString("[1.5, 2.5]")</c>.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="deploymentName">The deployment that answered.</param>
    /// <param name="requestId">The request id.</param>
    public static ScoringResult ScoringResult(BinaryData content, int status = 200, string? deploymentName = null, string? requestId = null) =>
        new(content ?? throw new ArgumentNullException(nameof(content)), status, deploymentName, requestId);

    /// <summary>A compute of a type this SDK has no class for, as the service returns it.</summary>
    /// <param name="name">The compute name.</param>
    /// <param name="computeType">The service's compute type, such as <c>ComputeInstance</c>.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="provisioningState">The provisioning state.</param>
    public static Compute Compute(string name, string computeType, string? id = null, ComputeProvisioningState? provisioningState = null)
    {
        Compute compute = Deploy.Compute.Unknown(name, computeType);
        compute.Id = id;
        compute.ProvisioningState = provisioningState;
        return compute;
    }

    /// <summary>A compute cluster as the service returns it.</summary>
    /// <param name="name">The compute name.</param>
    /// <param name="size">The VM size.</param>
    /// <param name="minInstances">The fewest nodes.</param>
    /// <param name="maxInstances">The most nodes.</param>
    /// <param name="id">The ARM id.</param>
    /// <param name="provisioningState">The provisioning state.</param>
    /// <param name="currentNodeCount">The nodes it has now.</param>
    /// <param name="allocationState"><c>Steady</c> or <c>Resizing</c>.</param>
    public static AmlCompute AmlCompute(
        string name, string? size = null, int minInstances = 0, int maxInstances = 1, string? id = null, ComputeProvisioningState? provisioningState = null,
        int? currentNodeCount = null, string? allocationState = null) =>
        new(name)
        {
            Size = size, MinInstances = minInstances, MaxInstances = maxInstances, Id = id, ProvisioningState = provisioningState,
            CurrentNodeCount = currentNodeCount, AllocationState = allocationState,
        };

    /// <summary>An attached Kubernetes compute as the service returns it.</summary>
    /// <param name="name">The compute name.</param>
    /// <param name="resourceId">The ARM id of the AKS or Arc cluster.</param>
    /// <param name="kubernetesNamespace">The namespace workloads run in.</param>
    /// <param name="defaultInstanceType">The default instance type.</param>
    /// <param name="instanceTypes">The instance types the cluster offers.</param>
    /// <param name="id">The ARM id of the compute.</param>
    /// <param name="provisioningState">The provisioning state.</param>
    public static KubernetesCompute KubernetesCompute(
        string name, string? resourceId = null, string? kubernetesNamespace = null, string? defaultInstanceType = null, IEnumerable<string>? instanceTypes = null,
        string? id = null, ComputeProvisioningState? provisioningState = null) =>
        new(name)
        {
            ResourceId = resourceId, Namespace = kubernetesNamespace, DefaultInstanceType = defaultInstanceType, InstanceTypes = [.. instanceTypes ?? []],
            Id = id, ProvisioningState = provisioningState, IsAttached = true,
        };

    /// <summary>The keys of a key-authenticated endpoint, as <see cref="OnlineEndpointOperations.GetKeys"/> returns them.</summary>
    /// <param name="primaryKey">The primary key.</param>
    /// <param name="secondaryKey">The secondary key.</param>
    public static EndpointAuthKeys EndpointAuthKeys(string primaryKey, string secondaryKey) => new(primaryKey, secondaryKey);

    /// <summary>A token of a token-authenticated endpoint, as <see cref="OnlineEndpointOperations.GetKeys"/> returns it.</summary>
    /// <param name="accessToken">The token.</param>
    /// <param name="expiresOn">When it expires.</param>
    /// <param name="refreshAfter">When it should be refreshed, if the service says.</param>
    /// <param name="tokenType">The token type.</param>
    public static EndpointAuthToken EndpointAuthToken(string accessToken, DateTimeOffset expiresOn, DateTimeOffset? refreshAfter = null, string tokenType = "Bearer") =>
        new(accessToken, expiresOn, refreshAfter, tokenType);

    /// <summary>An event of <see cref="JobOperations.StreamAsync"/>.</summary>
    /// <param name="status">The job's status at that point.</param>
    /// <param name="logLine">The new log line, or null for a status change.</param>
    /// <param name="job">The job as last read.</param>
    public static JobEvent JobEvent(JobStatus status, string? logLine, BatchJob job) => new(status, logLine, job ?? throw new ArgumentNullException(nameof(job)));

    /// <summary>A progress report of a model upload.</summary>
    /// <param name="bytesTransferred">Bytes sent so far.</param>
    /// <param name="totalBytes">Bytes to send in total.</param>
    /// <param name="filesCompleted">Files fully uploaded.</param>
    /// <param name="totalFiles">Files to upload.</param>
    /// <param name="alreadyUploaded">Whether the content was found complete in the datastore.</param>
    public static UploadProgress UploadProgress(long bytesTransferred, long totalBytes, int filesCompleted, int totalFiles, bool alreadyUploaded = false) =>
        new(bytesTransferred, totalBytes, filesCompleted, totalFiles, alreadyUploaded);

    private static void CopyInto<TValue>(IDictionary<string, TValue>? source, IDictionary<string, TValue> target)
    {
        if (source is null)
        {
            return;
        }
        foreach (KeyValuePair<string, TValue> pair in source)
        {
            target[pair.Key] = pair.Value;
        }
    }
}
