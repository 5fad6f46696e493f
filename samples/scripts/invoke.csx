// Scores the sample rows on a deployed endpoint (see deploy.csx) and prints the predictions.
// dotnet script invoke.csx -- [endpoint-name] [csv-file]
#load "connect.csx"
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Azure;
using AzureMlflow.Deploy;
using AzureMlflow.Deploy.Payloads;

MLClient ml = Connect();
string endpointName = Args.Count > 0 ? Args[0] : "diabetes-script";
string rows = Args.Count > 1 ? Args[1] : Path.Combine(SamplesFolder(), "data", "diabetes-sample.csv");

DataFramePayload payload = ScoringPayload.FromCsvFile(rows);
ScoringResult result = await ml.OnlineEndpoints.InvokeAsync(endpointName, payload);
Console.WriteLine($"{result.DeploymentName} predicts: {string.Join(", ", result.ToDoubleArray().Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");
