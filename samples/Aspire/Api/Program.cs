using System.Text.Json.Serialization;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Payloads;
using OpenTelemetry;
using OpenTelemetry.Trace;

// A minimal web API that scores the "diabetes" endpoint of the workspace the app host names ("ml"): the client
// integration registers MLClient from the connection string, its health check and its traces.
var builder = WebApplication.CreateBuilder(args);
builder.AddAzureMLClient("ml");
builder.Services.AddHealthChecks();

// What the Aspire service defaults do: traces of the requests this API serves and sends, to the dashboard (OTLP).
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
    .UseOtlpExporter();

var app = builder.Build();
app.MapHealthChecks("/health");

// POST /predict with rows of the ten diabetes features; answers the model's predictions.
app.MapPost("/predict", async (MLClient ml, Patient[] patients, CancellationToken cancellationToken) =>
{
    DataFramePayload rows = ScoringPayload.FromRecords(patients);
    ScoringResult result = await ml.OnlineEndpoints.InvokeAsync("diabetes", rows, cancellationToken: cancellationToken);
    return Results.Ok(new { predictions = result.ToDoubleArray(), deployment = result.DeploymentName });
});

app.Run();

/// <summary>One patient's features, named as the diabetes model's signature names its columns.</summary>
public sealed record Patient(
    [property: JsonPropertyName("age")] double Age, [property: JsonPropertyName("sex")] double Sex, [property: JsonPropertyName("bmi")] double Bmi,
    [property: JsonPropertyName("bp")] double Bp, [property: JsonPropertyName("s1")] double S1, [property: JsonPropertyName("s2")] double S2,
    [property: JsonPropertyName("s3")] double S3, [property: JsonPropertyName("s4")] double S4, [property: JsonPropertyName("s5")] double S5,
    [property: JsonPropertyName("s6")] double S6);
