using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Batch;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.DataPlane;

/// <summary>
/// The workspace's data-plane services that clients find through discovery (<see cref="DiscoveryRoutes"/>), as far as
/// batch jobs need them: the management front end's job lists (<c>/mferp/managementfrontend</c>, azure-ai-ml's
/// <c>batch_endpoints.list_jobs</c>), run history (<c>/history/v1.0</c>: a run's details and log files, its children,
/// its data; <c>jobs.stream</c> and <c>jobs.download</c>) and the dataset service's URI resolution (<c>/data/v1.0</c>).
/// They take the same bearer token as ARM.
/// </summary>
internal static class DataPlaneRoutes
{
    public const string ManagementFrontEnd = "/mferp/managementfrontend";
    public const string RunHistory = "/history/v1.0";
    public const string Dataset = "/data/v1.0";

    /// <summary>Whether a path belongs to these services, which check the bearer token as ARM does.</summary>
    public static bool NeedsToken(PathString path) =>
        path.StartsWithSegments(ManagementFrontEnd, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(RunHistory, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Dataset, StringComparison.OrdinalIgnoreCase);

    public static void Map(IEndpointRouteBuilder app, WorkspaceState state, JobRoutes jobs, BlobStore? store)
    {
        RouteGroupBuilder frontEnd = WorkspaceRoutes.Scoped(app, state, ManagementFrontEnd);
        frontEnd.MapGet("/batchEndpoints/{endpointName}/jobs", (HttpRequest request, string endpointName) => state.Run(() =>
            Paging.Page(request, jobs.DataPlaneJobs(request, BatchEndpointRoutes.Find(state, endpointName).Name, deploymentName: null), state.Options.PageSize)));
        frontEnd.MapGet("/batchEndpoints/{endpointName}/deployments/{deploymentName}/jobs", (HttpRequest request, string endpointName, string deploymentName) => state.Run(() =>
        {
            EndpointRecord endpoint = BatchEndpointRoutes.Find(state, endpointName);
            DeploymentRecord deployment = BatchDeploymentRoutes.Find(endpoint, deploymentName);
            return Paging.Page(request, jobs.DataPlaneJobs(request, endpoint.Name, deployment.Name), state.Options.PageSize);
        }));

        RouteGroupBuilder history = WorkspaceRoutes.Scoped(app, state, RunHistory);
        history.MapGet("/runs/{runId}", (string runId) => state.Run(() => ArmResult.Ok(Run(state, jobs, store, runId))));
        history.MapGet("/runs/{runId}/details", (string runId) => state.Run(() => ArmResult.Ok(Run(state, jobs, store, runId))));
        history.MapGet("/runs/{runId}/children", (string runId) => state.Run(() =>
        {
            // A job has one child, its scoring step; the scoring step has none (a run the workspace lacks is a 404).
            _ = Run(state, jobs, store, runId);
            JsonArray children = state.Jobs.TryGetValue(runId, out JobRecord? job) ? [JobResources.ScoringRun(state, job)] : [];
            return ArmResult.Ok(new JsonObject { ["value"] = children, ["continuationToken"] = null, ["nextLink"] = null });
        }));
        history.MapPost("/rundata", async (HttpRequest request) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            string runId = JsonBody.String(body, "runId") ?? throw ServiceException.BadRequest("'runId' is required.", "runId");
            return state.Run(() => ArmResult.Ok(new JsonObject { ["runMetadata"] = Run(state, jobs, store, runId) }));
        });

        RouteGroupBuilder dataset = WorkspaceRoutes.Scoped(app, state, Dataset);
        dataset.MapPost("/dataversion/batchGetResolvedUris", async (HttpRequest request) =>
        {
            JsonObject body = await JsonBody.ReadObjectAsync(request);
            return state.Run(() => ArmResult.Ok(new JsonObject { ["values"] = ResolveOutputs(state, body) }));
        });
    }

    /// <summary>A job's run, or its scoring step's child run; 404 for a run the workspace does not have.</summary>
    private static JsonObject Run(WorkspaceState state, JobRoutes jobs, BlobStore? store, string runId)
    {
        if (state.Jobs.Values.FirstOrDefault(j => j.ScoringRunId.Equals(runId, StringComparison.OrdinalIgnoreCase)) is { } parent)
        {
            return JobResources.ScoringRun(state, parent);
        }
        JobRecord job = jobs.Find(runId);
        return JobResources.Run(state, job, job.LogUploaded && store is not null ? LogUrl(state, store, job) : null);
    }

    /// <summary>A read-only SAS URL of the job's log, as run history hands out its log files.</summary>
    private static string LogUrl(WorkspaceState state, BlobStore store, JobRecord job)
    {
        string container = DatastoreRoutes.Find(state, JobRunner.LogsContainerDatastore);
        string blob = string.Join('/', JobRunner.LogBlobName(job.Name).Split('/').Select(Uri.EscapeDataString));
        return $"{store.AccountUri.AbsoluteUri.TrimEnd('/')}/{container}/{blob}{store.CreateSas(container, TimeSpan.FromHours(1), readOnly: true)}";
    }

    /// <summary>The job output folders the scoring runs name, by their data asset ids; ids of no job's output are left out.</summary>
    private static JsonObject ResolveOutputs(WorkspaceState state, JsonObject body)
    {
        var values = new JsonObject();
        foreach (string id in (body["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()).OfType<string>())
        {
            if (state.Jobs.Values.FirstOrDefault(j => JobResources.OutputAssetId(state, j) == id) is { } job)
            {
                values[id] = new JsonObject { ["uri"] = DatastorePaths.LongForm(state, job.OutputUri), ["type"] = "UriFolder" };
            }
        }
        return values;
    }
}
