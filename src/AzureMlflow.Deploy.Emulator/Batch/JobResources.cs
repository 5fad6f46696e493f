using System.Globalization;
using System.Text.Json.Nodes;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Batch;

/// <summary>
/// A batch job as each of the service's APIs shows it. The same job is a pipeline job resource on the ARM API
/// (<c>jobs/{name}</c>: inputs typed <c>uri_folder</c>, as the ARM schema has them), a batch job on the batch endpoint's
/// data plane (<c>inputData</c> typed <c>UriFolder</c>, as the data-plane schema has them) and a run in run history,
/// with a child run for its scoring step. All carry the tags and properties the service gives batch jobs
/// (<c>azureml.batchrun</c>, the endpoint and deployment names) and times that do not change from one read to the next.
/// </summary>
internal static class JobResources
{
    /// <summary>The pipeline run's execution log, as run history lists it (azure-ai-ml streams this name for pipeline jobs).</summary>
    public const string LogFile = "logs/azureml/executionlogs.txt";

    /// <summary>The scoring step's name, which azure-ai-ml looks for among a batch job's child runs to find its output.</summary>
    public const string ScoringModule = "batchscoring";

    /// <summary>The ARM job resource (<c>.../workspaces/{ws}/jobs/{name}</c>), a pipeline job.</summary>
    public static JsonObject Arm(WorkspaceState state, JobRecord job, string origin)
    {
        var inputs = new JsonObject();
        foreach ((string name, JsonNode? input) in job.Inputs)
        {
            inputs[name] = new JsonObject
            {
                ["jobInputType"] = ArmType(input?["jobInputType"]?.GetValue<string>() ?? "UriFolder"),
                ["uri"] = input?["uri"]?.DeepClone(),
                ["mode"] = input?["mode"]?.DeepClone() ?? "ReadOnlyMount",
                ["description"] = null,
            };
        }
        JsonObject resource = Envelope(state, job, $"/jobs/{job.Name}", "Microsoft.MachineLearningServices/workspaces/jobs");
        resource["properties"] = new JsonObject
        {
            ["description"] = null,
            ["tags"] = Tags(job),
            ["properties"] = Properties(job),
            ["displayName"] = job.Name,
            ["status"] = job.Status,
            ["experimentName"] = job.EndpointName,
            ["services"] = Services(state, origin, "jobServiceType"),
            ["computeId"] = job.ComputeId,
            ["isArchived"] = false,
            ["identity"] = null,
            ["componentId"] = null,
            ["notificationSetting"] = null,
            ["jobType"] = "Pipeline",
            ["inputs"] = inputs,
            ["outputs"] = new JsonObject { ["score"] = new JsonObject { ["jobOutputType"] = "uri_folder", ["uri"] = job.OutputUri, ["mode"] = "Upload", ["description"] = null } },
            ["jobs"] = new JsonObject(),
            ["settings"] = new JsonObject(),
            ["sourceJobId"] = null,
        };
        if (job.Error is { } error)
        {
            resource["properties"]!["error"] = new ServiceError(error.Code, error.Message).ToJson();
        }
        return resource;
    }

    /// <summary>The batch endpoint's data-plane job (<c>POST {scoringUri}</c>, <c>GET {scoringUri}</c>, the MFE data plane's job lists).</summary>
    public static JsonObject DataPlane(WorkspaceState state, JobRecord job, string origin)
    {
        JsonObject resource = Envelope(state, job, $"/batchEndpoints/{job.EndpointName}/jobs/{job.Name}", "Microsoft.MachineLearningServices/workspaces/batchEndpoints/jobs");
        var properties = new JsonObject
        {
            ["name"] = job.Name,
            ["status"] = job.Status,
            ["provisioningState"] = "Succeeded",
            ["tags"] = Tags(job),
            ["properties"] = Properties(job),
            ["inputData"] = job.Inputs.DeepClone(),
            ["outputData"] = new JsonObject { ["score"] = new JsonObject { ["jobOutputType"] = "UriFolder", ["uri"] = job.OutputUri } },
            ["interactionEndpoints"] = Services(state, origin, "jobEndpointType"),
            ["compute"] = new JsonObject { ["isLocal"] = false, ["target"] = job.ComputeId },
        };
        if (job.Error is { } error)
        {
            properties["error"] = new ServiceError(error.Code, error.Message).ToJson();
        }
        resource["properties"] = properties;
        return resource;
    }

    /// <summary>
    /// The job's run in run history (<c>runs/{id}/details</c>, <c>runs/{id}</c>): its status, times and log files, the
    /// log a SAS URL into the artifact store that any HTTP client can read, as the service hands them out.
    /// </summary>
    public static JsonObject Run(WorkspaceState state, JobRecord job, string? logUrl)
    {
        JsonObject run = RunCore(job, job.Name, parent: null, Properties(job), Tags(job));
        run["logFiles"] = logUrl is null ? new JsonObject() : new JsonObject { [LogFile] = logUrl };
        return run;
    }

    /// <summary>The scoring step's child run, whose <c>score</c> output is the job's output folder (a data asset run history names).</summary>
    public static JsonObject ScoringRun(WorkspaceState state, JobRecord job)
    {
        JsonObject properties = Properties(job);
        properties["azureml.moduleName"] = ScoringModule;
        JsonObject run = RunCore(job, job.ScoringRunId, parent: job.Name, properties, Tags(job));
        run["outputs"] = new JsonObject { ["score"] = new JsonObject { ["assetId"] = OutputAssetId(state, job), ["type"] = "UriFolder" } };
        run["logFiles"] = new JsonObject();
        return run;
    }

    /// <summary>The data asset id run history gives the scoring step's <c>score</c> output; the dataset data plane resolves it to <see cref="JobRecord.OutputUri"/>.</summary>
    public static string OutputAssetId(WorkspaceState state, JobRecord job) =>
        $"azureml://locations/{state.Options.Location}/workspaces/{state.WorkspaceGuid}/data/azureml_{job.ScoringRunId}_output_data_score/versions/1";

    private static JsonObject RunCore(JobRecord job, string runId, string? parent, JsonObject properties, JsonObject tags)
    {
        var run = new JsonObject
        {
            ["runId"] = runId,
            ["runUuid"] = DeterministicGuid(runId),
            ["parentRunId"] = parent,
            ["rootRunId"] = job.Name,
            ["experimentId"] = DeterministicGuid(job.EndpointName),
            ["status"] = job.Status,
            ["createdUtc"] = job.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["createdTimeUtc"] = job.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["startTimeUtc"] = job.StartedAt?.ToString("O", CultureInfo.InvariantCulture),
            ["endTimeUtc"] = job.IsTerminal ? job.EndedAt?.ToString("O", CultureInfo.InvariantCulture) : null,
            ["lastModifiedUtc"] = job.LastModifiedAt.ToString("O", CultureInfo.InvariantCulture),
            ["displayName"] = runId,
            ["name"] = runId,
            ["runType"] = parent is null ? "azureml.PipelineRun" : "azureml.StepRun",
            ["target"] = job.ComputeId?.Split('/')[^1],
            ["properties"] = properties,
            ["tags"] = tags,
            ["warnings"] = new JsonArray(),
            ["hidden"] = false,
        };
        if (job.Error is { } error)
        {
            run["error"] = new JsonObject { ["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message } };
        }
        return run;
    }

    private static JsonObject Envelope(WorkspaceState state, JobRecord job, string relativeId, string type) => new()
    {
        ["id"] = state.WorkspaceResourceId + relativeId,
        ["name"] = job.Name,
        ["type"] = type,
        ["systemData"] = new JsonObject
        {
            ["createdAt"] = job.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["createdBy"] = "emulator-user",
            ["createdByType"] = "User",
            ["lastModifiedAt"] = job.LastModifiedAt.ToString("O", CultureInfo.InvariantCulture),
            ["lastModifiedBy"] = "emulator-user",
            ["lastModifiedByType"] = "User",
        },
    };

    /// <summary>The tags every batch job carries; <c>azureml.batchrun</c> is how clients tell a batch job from any other.</summary>
    private static JsonObject Tags(JobRecord job) => new()
    {
        ["azureml.batchrun"] = "true",
        ["azureml.deploymentname"] = job.DeploymentName,
        ["azureml.jobtype"] = "azureml.pipelinejob",
    };

    private static JsonObject Properties(JobRecord job)
    {
        var properties = new JsonObject
        {
            ["azureml.endpointname"] = job.EndpointName,
            ["azureml.deploymentname"] = job.DeploymentName,
            ["azureml.defaultDataStoreName"] = Routes.DatastoreRoutes.DefaultDatastore,
            ["azureml.defaultComputeName"] = job.ComputeId?.Split('/')[^1],
            ["azureml.runsource"] = "azureml.PipelineRun",
            ["runSource"] = "BatchDeployment",
            ["runType"] = "HTTP",
        };
        // Run history's times, in the format the service writes them into a job's properties.
        if (job.StartedAt is { } started)
        {
            properties["StartTimeUtc"] = started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }
        if (job.IsTerminal && job.EndedAt is { } ended)
        {
            properties["EndTimeUtc"] = ended.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }
        return properties;
    }

    /// <summary>Where the job is shown (Studio: the emulator's studio page) and tracked (the workspace's MLflow URI, which names the emulator).</summary>
    private static JsonObject Services(WorkspaceState state, string origin, string typeKey)
    {
        var studio = new JsonObject { [typeKey] = "Studio", ["endpoint"] = $"{origin}{Studio.StudioRoutes.Path}#batch", ["port"] = null };
        var tracking = new JsonObject
        {
            [typeKey] = "Tracking",
            ["endpoint"] = $"azureml://{new Uri(origin).Authority}/mlflow/v1.0{state.WorkspaceResourceId}?",
            ["port"] = null,
        };
        return new JsonObject { ["Tracking"] = tracking, ["Studio"] = studio };
    }

    /// <summary>The ARM schema's input type for a data-plane one: <c>UriFolder</c> is <c>uri_folder</c>, <c>MLTable</c> is <c>mltable</c>.</summary>
    private static string ArmType(string dataPlane) => dataPlane.ToLowerInvariant() switch
    {
        "urifolder" => "uri_folder",
        "urifile" => "uri_file",
        "mltable" => "mltable",
        "custommodel" => "custom_model",
        "mlflowmodel" => "mlflow_model",
        "tritonmodel" => "triton_model",
        "literal" => "literal",
        var other => other,
    };

    private static string DeterministicGuid(string text) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text))).ToString();
}
