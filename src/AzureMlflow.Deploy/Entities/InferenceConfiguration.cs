namespace AzureMlflow.Deploy;

/// <summary>
/// The routes of a custom inference container (an environment whose image serves the model itself, such as TensorFlow
/// Serving or vLLM): where the service probes it and sends scoring requests. Python's <c>inference_config</c>.
/// </summary>
public class InferenceConfiguration
{
    /// <summary>The liveness probe's route.</summary>
    public InferenceRoute? LivenessRoute { get; set; }

    /// <summary>The readiness probe's route.</summary>
    public InferenceRoute? ReadinessRoute { get; set; }

    /// <summary>The route scoring requests are sent to.</summary>
    public InferenceRoute? ScoringRoute { get; set; }
}
