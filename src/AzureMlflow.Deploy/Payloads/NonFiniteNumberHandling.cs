namespace AzureMlflow.Deploy.Payloads;

/// <summary>What to do with NaN and infinities, which JSON cannot represent.</summary>
public enum NonFiniteNumberHandling
{
    /// <summary>Write <c>null</c>, as pandas does; MLflow reads it back as a missing value (NaN) for float columns.</summary>
    WriteNull,

    /// <summary>Throw <see cref="PayloadValidationException"/> naming the column (or tensor) and position.</summary>
    Throw,
}
