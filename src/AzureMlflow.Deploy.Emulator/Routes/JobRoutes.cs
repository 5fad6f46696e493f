using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Batch;
using AzureMlflow.Deploy.Emulator.Lro;
using AzureMlflow.Deploy.Emulator.Scoring;
using AzureMlflow.Deploy.Emulator.State;
using AzureMlflow.Deploy.Emulator.Storage;

namespace AzureMlflow.Deploy.Emulator.Routes;

/// <summary>
/// Batch jobs: the data plane (<c>POST {scoringUri}</c> to invoke, deduplicated by <c>repeatability_request-id</c>;
/// <c>GET {scoringUri}</c> to list) and the ARM job resources (<c>GET jobs</c> with the spec's filters,
/// <c>GET jobs/{name}</c>, <c>POST jobs/{name}/cancel</c>, <c>DELETE jobs/{name}</c>). Creating other kinds of jobs
/// (command, sweep, pipeline) with <c>PUT jobs/{name}</c> is not emulated.
/// </summary>
internal sealed class JobRoutes(WorkspaceState state, JobRunner? runner)
{
    public const string RepeatabilityHeader = "repeatability_request-id";

    public void Map(IEndpointRouteBuilder app, RouteGroupBuilder workspace)
    {
        app.MapPost("/batchEndpoints/{name}/jobs", async (HttpContext context, string name) =>
        {
            try
            {
                return await InvokeAsync(context, name).ConfigureAwait(false);
            }
            catch (ScoringError error)
            {
                return new ArmResult(error.StatusCode, error.Body);
            }
        });

        app.MapGet("/batchEndpoints/{name}/jobs", (HttpContext context, string name) =>
        {
            try
            {
                return state.Run(() =>
                {
                    Authenticate(context);
                    _ = Endpoint(name);
                    return Paging.Page(context.Request, DataPlaneJobs(context.Request, name, deploymentName: null), state.Options.PageSize);
                });
            }
            catch (ScoringError error)
            {
                return new ArmResult(error.StatusCode, error.Body);
            }
        });

        workspace.MapGet("/jobs", (HttpRequest request) => state.Run(() => Paging.Page(request, List(request), state.Options.PageSize)));

        workspace.MapGet("/jobs/{name}", (HttpRequest request, string name) => state.Run(() => ArmResult.Ok(JobResources.Arm(state, Find(name), Origin(request)))));

        workspace.MapPost("/jobs/{name}/cancel", (HttpRequest request, string name) => state.Run(() =>
        {
            JobRecord job = Find(name);
            Cancel(job);
            // Done once the job has stopped, which the runner records asynchronously.
            OperationRecord operation = state.StartOperation(OperationKinds.JobCancel, name, onSucceeded: null, onFailed: null, isDelete: true);
            return OperationUrls.Accepted(new ArmResult(202), request, state, operation);
        }));

        // A job still running is canceled first; the job is gone once the delete operation ends.
        workspace.MapDelete("/jobs/{name}", (HttpRequest request, string name) => state.Run(() =>
        {
            if (!state.Jobs.TryGetValue(name, out JobRecord? job))
            {
                return new ArmResult(204);
            }
            Cancel(job);
            OperationRecord operation = state.StartOperation(OperationKinds.JobDelete, name, onSucceeded: () => state.Jobs.Remove(name), onFailed: null, isDelete: true);
            return OperationUrls.Accepted(ArmResult.NullBody(202), request, state, operation);
        }));
    }

    /// <summary>The jobs of a batch endpoint (or one of its deployments) in the data plane's shape, oldest first.</summary>
    public List<JsonObject> DataPlaneJobs(HttpRequest request, string endpointName, string? deploymentName) =>
        [.. state.Jobs.Values
            .Where(j => j.EndpointName.Equals(endpointName, StringComparison.OrdinalIgnoreCase)
                && (deploymentName is null || j.DeploymentName.Equals(deploymentName, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(j => j.CreatedAt).Select(j => JobResources.DataPlane(state, j, Origin(request)))];

    /// <summary>
    /// The workspace's jobs, oldest first, filtered as the spec's <c>Jobs_List</c> filters them: <c>jobType</c>, <c>tag</c>
    /// (jobs that have this tag), <c>properties</c> (<c>name</c> or <c>name=value</c>, comma-separated, all must match) and
    /// <c>listViewType</c> (batch jobs are never archived, so every view but ArchivedOnly shows them).
    /// </summary>
    private List<JsonObject> List(HttpRequest request)
    {
        string jobType = request.Query["jobType"].ToString();
        string tag = request.Query["tag"].ToString();
        string view = request.Query["listViewType"].ToString();
        string[] wanted = request.Query["properties"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var jobs = new List<JsonObject>();
        foreach (JobRecord job in state.Jobs.Values.OrderBy(j => j.CreatedAt))
        {
            JsonObject resource = JobResources.Arm(state, job, Origin(request));
            JsonObject properties = resource["properties"]!.AsObject();
            bool matches = (jobType.Length == 0 || jobType.Equals(JsonBody.String(properties, "jobType"), StringComparison.OrdinalIgnoreCase))
                && (tag.Length == 0 || properties["tags"]!.AsObject().ContainsKey(tag))
                && wanted.All(w => HasProperty(properties["properties"]!.AsObject(), w))
                && !view.Equals("ArchivedOnly", StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                jobs.Add(resource);
            }
        }
        return jobs;
    }

    private static bool HasProperty(JsonObject properties, string filter)
    {
        int equals = filter.IndexOf('=');
        string name = equals < 0 ? filter : filter[..equals];
        return properties.TryGetPropertyValue(name, out JsonNode? value)
            && (equals < 0 || string.Equals(value?.GetValue<string>(), filter[(equals + 1)..], StringComparison.Ordinal));
    }

    private static void Cancel(JobRecord job)
    {
        if (!job.IsTerminal)
        {
            job.Status = "CancelRequested";
            job.Cancellation.Cancel();
        }
    }

    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private async Task<IResult> InvokeAsync(HttpContext context, string name)
    {
        JsonObject body = ScoringRoutes.ParseBody(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false));
        string? repeatability = context.Request.Headers[RepeatabilityHeader].FirstOrDefault();
        string? requested = context.Request.Headers[ScoringRoutes.DeploymentHeader].FirstOrDefault();

        (JobRecord job, BatchSettings? settings) = state.Run(() =>
        {
            Authenticate(context);
            EndpointRecord endpoint = Endpoint(name);
            if (repeatability is not null && state.Jobs.Values.FirstOrDefault(j => j.RepeatabilityId == repeatability) is { } repeated)
            {
                return (repeated, (BatchSettings?)null); // the same request again: the same job, not a second one
            }
            if (runner is null)
            {
                throw new ScoringError(503, "The emulator runs without blob storage (Azurite was not found), so it cannot run batch jobs.");
            }
            string? deploymentName = requested ?? endpoint.Properties["defaults"]?["deploymentName"]?.GetValue<string>();
            if (deploymentName is null)
            {
                throw ScoringError.BadInput($"Batch endpoint '{name}' has no default deployment; name one with the {ScoringRoutes.DeploymentHeader} header or set the endpoint's default deployment.");
            }
            DeploymentRecord deployment = endpoint.Deployments.TryGetValue(deploymentName, out DeploymentRecord? found)
                ? found
                : throw new ScoringError(404, $"Deployment '{deploymentName}' does not exist on batch endpoint '{name}'.");
            JsonObject inputs = body["properties"]?["inputData"] as JsonObject
                ?? throw ScoringError.BadInput("The request needs properties.inputData with at least one input ({\"jobInputType\": \"UriFolder\", \"uri\": ...}).");
            if (inputs.Count == 0)
            {
                throw ScoringError.BadInput("properties.inputData is empty.");
            }
            string jobName = $"batchjob-{Guid.NewGuid()}";
            var created = new JobRecord
            {
                Name = jobName,
                EndpointName = endpoint.Name,
                DeploymentName = deployment.Name,
                ComputeId = ComputeId(deployment),
                Inputs = (JsonObject)inputs.DeepClone(),
                OutputUri = $"azureml://datastores/{DatastoreRoutes.DefaultDatastore}/paths/azureml/{jobName}/score/",
                CreatedAt = state.Now,
                RepeatabilityId = repeatability,
                Status = "Queued",
            };
            created.Log(state.Now, $"Status: Queued. Job {jobName} created for deployment '{deployment.Name}'.");
            state.Jobs[jobName] = created;
            return (created, BatchSettings.Of(state, deployment));
        });

        if (settings is not null)
        {
            _ = Task.Run(() => runner!.RunAsync(job, settings));
        }
        return ArmResult.Ok(state.Run(() => JobResources.DataPlane(state, job, Origin(context.Request))));
    }

    /// <summary>The deployment's compute as an ARM id (deployments may name it by name or <c>azureml:</c> reference).</summary>
    private string? ComputeId(DeploymentRecord deployment) =>
        JsonBody.String(deployment.Properties, "compute") is { Length: > 0 } compute
            ? $"{state.WorkspaceResourceId}/computes/{compute.TrimEnd('/').Split('/')[^1].Replace("azureml:", "", StringComparison.OrdinalIgnoreCase)}"
            : null;

    private void Authenticate(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        string token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : string.Empty;
        if (token.Length == 0 || !(state.Options.AcceptToken?.Invoke(token) ?? true))
        {
            throw new ScoringError(401, "Batch endpoints need an Azure AD bearer token (scope https://ml.azure.com/.default).");
        }
    }

    private EndpointRecord Endpoint(string name) =>
        state.BatchEndpoints.TryGetValue(name, out EndpointRecord? endpoint)
            ? endpoint
            : throw new ScoringError(404, $"Batch endpoint '{name}' does not exist.");

    /// <summary>A job by name, or the service's 404 (also for run history, which knows the same runs).</summary>
    public JobRecord Find(string name) =>
        state.Jobs.TryGetValue(name, out JobRecord? job)
            ? job
            : throw new ServiceException(404, new ServiceError("UserError", $"Job '{name}' was not found in the workspace '{state.Options.WorkspaceName}'."));
}
