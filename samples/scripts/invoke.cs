#!/usr/bin/env -S dotnet run
// Scores the sample rows on a deployed endpoint (see deploy.cs) and prints the predictions.
//   dotnet run invoke.cs -- [endpoint-name] [csv-file]
// AZUREML_CONNECTION_STRING names the workspace, as for deploy.cs.
#:package AzureMlflow.Deploy@0.1.0-alpha
#:package Azure.Identity@1.21.0
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Identity;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Payloads;

string connection = Environment.GetEnvironmentVariable("AZUREML_CONNECTION_STRING") ?? throw new InvalidOperationException("Set AZUREML_CONNECTION_STRING.");
MLClient ml = MLClient.FromConnectionString(connection, connection.Contains("CertificateHash=", StringComparison.OrdinalIgnoreCase) ? null : new DefaultAzureCredential());
string endpointName = args.Length > 0 ? args[0] : "diabetes-script";
string rows = args.Length > 1 ? args[1] : Path.Combine(SamplesFolder(), "data", "diabetes-sample.csv");

DataFramePayload payload = ScoringPayload.FromCsvFile(rows);
ScoringResult result = await ml.OnlineEndpoints.InvokeAsync(endpointName, payload);
Console.WriteLine($"{result.DeploymentName} predicts: {string.Join(", ", result.ToDoubleArray().Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))}");

static string SamplesFolder([CallerFilePath] string script = "") => Path.GetDirectoryName(Path.GetDirectoryName(script))!;
