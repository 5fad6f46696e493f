using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.Routes;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Scoring;

/// <summary>
/// The data plane: each online endpoint's scoring URI. Checks the key or token for the endpoint's auth mode, routes by
/// the <c>azureml-model-deployment</c> header or by traffic weights (seeded), copies mirror traffic, enforces the
/// deployment's concurrency limit and request timeout, and scores the MLflow model for real (ONNX) or with a custom scorer.
/// </summary>
internal sealed class ScoringRoutes(WorkspaceState state, DeployedModels models, CustomScorers scorers)
{
    public const string DeploymentHeader = "azureml-model-deployment";
    private readonly Random _random = new(state.Options.ScoringSeed);

    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/onlineEndpoints/{name}/score", async (HttpContext context, string name) =>
        {
            // Every answer, error or not, carries the request id users quote in support cases.
            context.Response.Headers["x-request-id"] = Guid.NewGuid().ToString();
            try
            {
                return await ScoreAsync(context, name).ConfigureAwait(false);
            }
            catch (ScoringError error)
            {
                return new ArmResult(error.StatusCode, error.Body);
            }
        });

    public IReadOnlyDictionary<string, DeploymentTraffic> Traffic(string endpointName) => state.Run(() =>
        OnlineEndpointRoutes.Find(state, endpointName).Deployments.Values.ToDictionary(
            d => d.Name, d => new DeploymentTraffic(Volatile.Read(ref d.LiveRequests), Volatile.Read(ref d.MirroredRequests)), StringComparer.OrdinalIgnoreCase));

    private async Task<IResult> ScoreAsync(HttpContext context, string endpointName)
    {
        string? requested = context.Request.Headers[DeploymentHeader].FirstOrDefault();
        (DeploymentRecord deployment, Target target, List<(DeploymentRecord, Target)> mirrors) = state.Run(() =>
        {
            EndpointRecord endpoint = state.Endpoints.TryGetValue(endpointName, out EndpointRecord? found)
                ? found
                : throw new ScoringError(404, $"Endpoint '{endpointName}' does not exist.");
            Authenticate(endpoint, context.Request.Headers.Authorization.ToString());
            DeploymentRecord chosen = Route(endpoint, requested);
            var copies = new List<(DeploymentRecord, Target)>();
            if (requested is null)
            {
                foreach ((string name, int percent) in JsonBody.IntMap(endpoint.Properties, "mirrorTraffic"))
                {
                    if (percent > 0 && _random.Next(100) < percent && endpoint.Deployments.TryGetValue(name, out DeploymentRecord? mirror) && mirror != chosen
                        && TryTargetOf(endpoint.Name, mirror) is { } mirrorTarget)
                    {
                        copies.Add((mirror, mirrorTarget));
                    }
                }
            }
            return (chosen, TargetOf(endpoint.Name, chosen), copies);
        });

        // Read as text: a scoring script gets the body as it came; MLflow models and scorers get it parsed.
        string body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        foreach ((DeploymentRecord mirror, Target mirrorTarget) in mirrors)
        {
            Interlocked.Increment(ref mirror.MirroredRequests);
            _ = Task.Run(() => RunAsync(mirrorTarget, body));
        }

        Interlocked.Increment(ref deployment.LiveRequests);
        if (Interlocked.Increment(ref deployment.InFlight) > target.MaxConcurrency)
        {
            Interlocked.Decrement(ref deployment.InFlight);
            throw new ScoringError(429, $"Deployment '{deployment.Name}' is already serving {target.MaxConcurrency} request(s) (maxConcurrentRequestsPerInstance x instance count). Retry later.");
        }
        try
        {
            Task<JsonNode> scoring = RunAsync(target, body);
            JsonNode result = await scoring.WaitAsync(target.Timeout, context.RequestAborted).ConfigureAwait(false);
            return new ArmResult(200, result).WithHeader(DeploymentHeader, deployment.Name);
        }
        catch (TimeoutException)
        {
            throw Logged(deployment, new ScoringError(408, $"The request to deployment '{deployment.Name}' timed out after {target.Timeout.TotalMilliseconds:0} ms (requestSettings.requestTimeout)."));
        }
        catch (ScoringError error)
        {
            throw Logged(deployment, error);
        }
        finally
        {
            Interlocked.Decrement(ref deployment.InFlight);
        }
    }

    /// <summary>Writes a failed request into the deployment's inference server log, as the service's server logs it.</summary>
    private ScoringError Logged(DeploymentRecord deployment, ScoringError error)
    {
        state.Run(() =>
        {
            DeploymentLogWriter.ScoringFailed(deployment, error.StatusCode, error.Message, state.Now);
            return true;
        });
        return error;
    }

    /// <summary>What a deployment runs, captured under the state lock so scoring itself runs outside it.</summary>
    private sealed record Target(string EndpointName, string DeploymentName, string ModelId, string ModelName, string ModelUri, int MaxConcurrency, TimeSpan Timeout);

    /// <summary>A mirror that cannot serve (still provisioning, failed) is skipped: mirrored traffic never affects live answers.</summary>
    private Target? TryTargetOf(string endpointName, DeploymentRecord deployment)
    {
        try
        {
            return TargetOf(endpointName, deployment);
        }
        catch (ScoringError)
        {
            return null;
        }
    }

    private Target TargetOf(string endpointName, DeploymentRecord deployment)
    {
        string provisioning = deployment.Properties["provisioningState"]?.GetValue<string>() ?? "Unknown";
        if (provisioning != "Succeeded")
        {
            throw new ScoringError(424, $"Deployment '{deployment.Name}' is not ready to serve requests (provisioning state {provisioning}).");
        }
        string modelId = deployment.Properties["model"]!.GetValue<string>();
        AssetVersionRecord model = ModelRoutes.FindById(state, modelId)
            ?? throw new ScoringError(424, $"The emulator cannot load model '{modelId}' of deployment '{deployment.Name}'.");
        JsonObject settings = deployment.Properties["requestSettings"]!.AsObject();
        int perInstance = settings["maxConcurrentRequestsPerInstance"]?.GetValue<int>() ?? 1;
        int instances = deployment.Resource["sku"]?["capacity"]?.GetValue<int>() ?? 1;
        TimeSpan timeout = XmlConvert.ToTimeSpan(settings["requestTimeout"]?.GetValue<string>() ?? "PT5S");
        string name = ModelRoutes.NameOf(modelId);
        return new Target(endpointName, deployment.Name, modelId, name, JsonBody.String(model.Properties, "modelUri")!, perInstance * instances, timeout);
    }

    private async Task<JsonNode> RunAsync(Target target, string body)
    {
        if (scorers.Find(target.ModelName) is { } custom)
        {
            JsonObject parsed = ParseBody(body);
            return await Task.Run(() => custom(parsed)).ConfigureAwait(false);
        }
        // A scoring script, or an MLflow model of another flavor than ONNX, runs in the deployment's Python workers.
        string key = Python.PythonDeployments.Key(target.EndpointName, target.DeploymentName);
        if (models.Python.IsScripted(key))
        {
            return await models.Python.RunScriptAsync(key, body, CancellationToken.None).ConfigureAwait(false);
        }
        if (models.Python.Has(key))
        {
            return await models.Python.PredictAsync(key, ParseBody(body), CancellationToken.None).ConfigureAwait(false);
        }
        LoadedModel model = await models.GetAsync(target.ModelId, target.ModelName, target.ModelUri).ConfigureAwait(false);
        if (model.Onnx is null)
        {
            throw new ScoringError(501,
                    $"The emulator has no model server for deployment '{target.DeploymentName}' (model '{model.Name}', flavors [{string.Join(", ", model.Mlmodel.Flavors)}]): " +
                    "ONNX models run in process, other MLflow flavors in a local Python started with the deployment. Register a scorer with WorkspaceEmulator.Scorers.Register to stand in for it.");
        }
        ScoringInput input = ScoringInput.Parse(ParseBody(body), model.Mlmodel);
        return await Task.Run(() => model.Onnx.Score(input)).ConfigureAwait(false);
    }

    private void Authenticate(EndpointRecord endpoint, string authorization)
    {
        string token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : string.Empty;
        bool valid = token.Length > 0 && endpoint.AuthMode.ToLowerInvariant() switch
        {
            "key" => token == endpoint.PrimaryKey || token == endpoint.SecondaryKey,
            "amltoken" => endpoint.IssuedTokens.TryGetValue(token, out DateTimeOffset expires) && expires > state.Now,
            _ => state.Options.AcceptToken?.Invoke(token) ?? true,
        };
        if (!valid)
        {
            throw new ScoringError(401, token.Length == 0
                ? "Authorization header is missing: send 'Authorization: Bearer <key or token>'."
                : $"The key or token is not valid for endpoint '{endpoint.Name}' (auth mode {endpoint.AuthMode}).");
        }
    }

    private DeploymentRecord Route(EndpointRecord endpoint, string? requested)
    {
        if (requested is not null)
        {
            return endpoint.Deployments.TryGetValue(requested, out DeploymentRecord? named)
                ? named
                : throw new ScoringError(404, $"Deployment '{requested}' named in the {DeploymentHeader} header does not exist on endpoint '{endpoint.Name}'.");
        }
        var weights = JsonBody.IntMap(endpoint.Properties, "traffic").Where(t => t.Value > 0 && endpoint.Deployments.ContainsKey(t.Key)).ToList();
        if (weights.Count == 0)
        {
            throw new ScoringError(424,
                "No valid deployments to route to. Please check that the endpoint has at least one deployment with positive weight values or use a deployment specific header to route.");
        }
        int pick = _random.Next(weights.Sum(w => w.Value));
        foreach ((string name, int weight) in weights)
        {
            if (pick < weight)
            {
                return endpoint.Deployments[name];
            }
            pick -= weight;
        }
        return endpoint.Deployments[weights[^1].Key];
    }

    /// <summary>A request body that must be a JSON object (an MLflow model's request, a batch invocation); 400 otherwise.</summary>
    public static JsonObject ParseBody(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw ScoringError.BadInput("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw ScoringError.BadInput($"The request body is not valid JSON: {ex.Message}");
        }
    }
}
