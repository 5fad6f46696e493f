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
/// <c>GET {scoringUri}</c> to list) and the ARM job resource (<c>GET jobs/{name}</c>, <c>POST jobs/{name}/cancel</c>).
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
                    var jobs = state.Jobs.Values.Where(j => j.EndpointName.Equals(name, StringComparison.OrdinalIgnoreCase))
                        .OrderBy(j => j.CreatedAt).Select(Describe).ToList();
                    return Paging.Page(context.Request, jobs, state.Options.PageSize);
                });
            }
            catch (ScoringError error)
            {
                return new ArmResult(error.StatusCode, error.Body);
            }
        });

        workspace.MapGet("/jobs/{name}", (string name) => state.Run(() => ArmResult.Ok(Describe(Find(name)))));

        workspace.MapPost("/jobs/{name}/cancel", (HttpRequest request, string name) => state.Run(() =>
        {
            JobRecord job = Find(name);
            if (!job.IsTerminal)
            {
                job.Status = "CancelRequested";
                job.Cancellation.Cancel();
            }
            // Done once the job has stopped, which the runner records asynchronously.
            OperationRecord operation = state.StartOperation(OperationKinds.JobCancel, name, onSucceeded: null, onFailed: null, isDelete: true);
            return OperationUrls.Accepted(new ArmResult(202), request, state, operation);
        }));
    }

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
        return ArmResult.Ok(state.Run(() => Describe(job)));
    }

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

    private JobRecord Find(string name) =>
        state.Jobs.TryGetValue(name, out JobRecord? job)
            ? job
            : throw new ServiceException(404, new ServiceError("UserError", $"Job '{name}' was not found in the workspace '{state.Options.WorkspaceName}'."));

    private JsonObject Describe(JobRecord job)
    {
        JsonObject resource = Resources.New(state, $"/jobs/{job.Name}", job.Name, "jobs", null);
        var properties = new JsonObject
        {
            ["jobType"] = "Pipeline",
            ["status"] = job.Status,
            ["displayName"] = job.Name,
            ["experimentName"] = job.EndpointName,
            ["properties"] = new JsonObject
            {
                ["azureml.batchrun"] = "true",
                ["EndpointName"] = job.EndpointName,
                ["DeploymentName"] = job.DeploymentName,
            },
            ["inputs"] = job.Inputs.DeepClone(),
            ["outputs"] = new JsonObject { ["score"] = new JsonObject { ["jobOutputType"] = "UriFolder", ["uri"] = job.OutputUri } },
            ["creationTime"] = job.CreatedAt.ToString("O"),
        };
        if (job.StartedAt is { } started)
        {
            properties["startTime"] = started.ToString("O");
        }
        if (job.EndedAt is { } ended && job.IsTerminal)
        {
            properties["endTime"] = ended.ToString("O");
        }
        if (job.Error is { } error)
        {
            properties["error"] = new ServiceError(error.Code, error.Message).ToJson();
        }
        resource["properties"] = properties;
        return resource;
    }
}
