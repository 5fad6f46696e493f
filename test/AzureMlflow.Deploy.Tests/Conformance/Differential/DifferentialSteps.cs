using Azure;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Conformance.Differential;

/// <summary>
/// The .NET twins of <c>test/conformance/python/differential.py</c>'s steps: the same operation, names and values
/// through the SDK, in the same order, covering each operation group (workspaces, datastores, models, environments,
/// code, online endpoints and deployments, invoke, computes, batch endpoints, deployments and jobs).
/// </summary>
internal sealed class DifferentialSteps(MLClient ml, string work)
{
    private const string Root = "azureml://datastores/workspaceblobstore/paths/differential";
    private const string Image = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest";
    private string? _job;

    public static readonly string[] Names =
    [
        "workspace get", "datastore default", "datastore get", "datastore list",
        "model register by datastore URI", "model get", "model list versions", "model archive", "model restore",
        "environment register", "environment get", "code register by datastore URI", "code get",
        "online endpoint create", "online endpoint get", "online deployment create", "online deployment get", "online deployment with a script", "traffic", "keys",
        "regenerate key", "invoke", "deployment logs", "deployment scale",
        "compute create", "compute get",
        "batch endpoint create", "batch deployment create", "batch default deployment", "batch invoke", "job get",
        "deployment delete", "online endpoint delete", "batch endpoint delete", "compute delete",
    ];

    public Task RunAsync(string step) => step switch
    {
        "workspace get" => ml.Workspaces.GetAsync(),
        "datastore default" => ml.Datastores.GetDefaultAsync(),
        "datastore get" => ml.Datastores.GetAsync("workspaceblobstore"),
        "datastore list" => ml.Datastores.ListAsync().ToListAsync().AsTask(),
        "model register by datastore URI" => ml.Models.CreateOrUpdateAsync(new Model
        {
            Name = "diff-model", Version = "1", Type = ModelType.MlflowModel, Path = $"{Root}/models/diabetes-sklearn", Description = "differential",
        }),
        "model get" => ml.Models.GetAsync("diff-model", "1"),
        "model list versions" => ml.Models.ListAsync("diff-model").ToListAsync().AsTask(),
        "model archive" => ml.Models.ArchiveAsync("diff-model", "1"),
        "model restore" => ml.Models.RestoreAsync("diff-model", "1"),
        "environment register" => ml.Environments.CreateOrUpdateAsync(new MLEnvironment { Name = "diff-env", Version = "1", Image = Image, CondaFile = CondaFile() }),
        "environment get" => ml.Environments.GetAsync("diff-env", "1"),
        "code register by datastore URI" => ml.CodeAssets.CreateOrUpdateAsync(new CodeAsset($"{Root}/code") { Name = "diff-code", Version = "1" }),
        "code get" => ml.CodeAssets.GetAsync("diff-code", "1"),
        "online endpoint create" => ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint("diff-ep") { AuthMode = EndpointAuthMode.Key }),
        "online endpoint get" => ml.OnlineEndpoints.GetAsync("diff-ep"),
        "online deployment create" => ml.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("blue", "diff-ep")
        {
            Model = "azureml:diff-model:1",
            InstanceType = "Standard_DS3_v2",
            InstanceCount = 1,
            RequestSettings = new OnlineRequestSettings { RequestTimeout = TimeSpan.FromSeconds(10), MaxConcurrentRequestsPerInstance = 2 },
            LivenessProbe = new ProbeSettings { InitialDelay = TimeSpan.FromSeconds(15), Period = TimeSpan.FromSeconds(20) },
            ReadinessProbe = new ProbeSettings { FailureThreshold = 10 },
        }),
        "online deployment get" => ml.OnlineDeployments.GetAsync("blue", "diff-ep"),
        "online deployment with a script" => ml.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineDeployment("green", "diff-ep")
        {
            Model = "azureml:diff-model:1", InstanceType = "Standard_DS3_v2", InstanceCount = 1,
            CodeConfiguration = new CodeConfiguration("azureml:diff-code:1", "score.py"), Environment = "azureml:diff-env:1",
        }),
        "traffic" => ml.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, "diff-ep", new Dictionary<string, int> { ["blue"] = 100 }),
        "keys" => ml.OnlineEndpoints.GetKeysAsync("diff-ep"),
        "regenerate key" => ml.OnlineEndpoints.BeginRegenerateKeysAsync(WaitUntil.Completed, "diff-ep", KeyType.Secondary),
        "invoke" => ml.OnlineEndpoints.InvokeAsync("diff-ep", RequestFile()),
        "deployment logs" => ml.OnlineDeployments.GetLogsAsync("blue", "diff-ep", lines: 20),
        "deployment scale" => ScaleAsync(),
        "compute create" => ml.Computes.BeginCreateOrUpdateAsync(WaitUntil.Completed, new AmlCompute("diff-cpu") { Size = "Standard_DS3_v2", MinInstances = 0, MaxInstances = 2 }),
        "compute get" => ml.Computes.GetAsync("diff-cpu"),
        "batch endpoint create" => ml.BatchEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchEndpoint("diff-batch")),
        "batch deployment create" => ml.BatchDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, new BatchDeployment("mlflow", "diff-batch")
        {
            Model = "azureml:diff-model:1", Compute = "diff-cpu", InstanceCount = 1, MiniBatchSize = 2, MaxConcurrencyPerInstance = 2,
            OutputAction = BatchOutputAction.AppendRow, OutputFileName = "predictions.csv",
        }),
        "batch default deployment" => ml.BatchEndpoints.BeginUpdateDefaultDeploymentAsync(WaitUntil.Completed, "diff-batch", "mlflow"),
        "batch invoke" => BatchInvokeAsync(),
        "job get" => ml.Jobs.GetAsync(_job ?? throw new InvalidOperationException("no job was invoked")),
        "deployment delete" => DeleteDeploymentAsync(),
        "online endpoint delete" => ml.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, "diff-ep"),
        "batch endpoint delete" => ml.BatchEndpoints.BeginDeleteAsync(WaitUntil.Completed, "diff-batch"),
        "compute delete" => ml.Computes.BeginDeleteAsync(WaitUntil.Completed, "diff-cpu"),
        _ => throw new ArgumentException($"No step '{step}'.", nameof(step)),
    };

    private async Task ScaleAsync()
    {
        OnlineDeployment deployment = await ml.OnlineDeployments.GetAsync("blue", "diff-ep");
        deployment.InstanceCount = 2;
        await ml.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, deployment);
    }

    private async Task BatchInvokeAsync() =>
        _job = (await ml.BatchEndpoints.InvokeAsync("diff-batch", BatchJobInput.FromFolder($"{Root}/batch"))).Value.Name;

    private async Task DeleteDeploymentAsync()
    {
        await ml.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, "diff-ep", new Dictionary<string, int> { ["blue"] = 0 });
        await ml.OnlineDeployments.BeginDeleteAsync(WaitUntil.Completed, "blue", "diff-ep");
    }

    /// <summary>The conda file Python's step gives as a dictionary, as the file the SDK reads.</summary>
    private string CondaFile()
    {
        string path = Path.Combine(work, "conda.yml");
        File.WriteAllText(path, "name: sklearn\nchannels:\n- conda-forge\ndependencies:\n- python=3.11\n- pip\n- pip:\n  - scikit-learn\n");
        return path;
    }

    /// <summary>The request Python's step writes: the sample rows as a split DataFrame with an index.</summary>
    private string RequestFile()
    {
        using var sample = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(SampleModel.FolderOf("diabetes-sklearn") + ".expected.json")));
        var request = new System.Text.Json.Nodes.JsonObject
        {
            ["input_data"] = new System.Text.Json.Nodes.JsonObject
            {
                ["columns"] = System.Text.Json.Nodes.JsonNode.Parse(sample.RootElement.GetProperty("columns").GetRawText()),
                ["index"] = new System.Text.Json.Nodes.JsonArray([.. Enumerable.Range(0, sample.RootElement.GetProperty("data").GetArrayLength()).Select(i => (System.Text.Json.Nodes.JsonNode?)i)]),
                ["data"] = System.Text.Json.Nodes.JsonNode.Parse(sample.RootElement.GetProperty("data").GetRawText()),
            },
        };
        string path = Path.Combine(work, "request.json");
        File.WriteAllText(path, request.ToJsonString());
        return path;
    }
}
