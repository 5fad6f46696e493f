#!/usr/bin/env -S dotnet run
// Deletes the endpoint deploy.cs created (and its deployments).
//   dotnet run teardown.cs -- [endpoint-name]
// AZUREML_CONNECTION_STRING names the workspace, as for deploy.cs.
#:package AzureMlflow.Deploy@0.1.0-alpha
#:package Azure.Identity@1.21.0
using Azure;
using Azure.Identity;
using AzureMlflow.Deploy;

string connection = Environment.GetEnvironmentVariable("AZUREML_CONNECTION_STRING") ?? throw new InvalidOperationException("Set AZUREML_CONNECTION_STRING.");
MLClient ml = MLClient.FromConnectionString(connection, connection.Contains("CertificateHash=", StringComparison.OrdinalIgnoreCase) ? null : new DefaultAzureCredential());
string endpointName = args.Length > 0 ? args[0] : "diabetes-script";
await ml.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);
Console.WriteLine($"Deleted {endpointName}");
