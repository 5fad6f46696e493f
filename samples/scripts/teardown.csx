// Deletes the endpoint deploy.csx created (and its deployments).
// dotnet script teardown.csx -- [endpoint-name]
#load "connect.csx"
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Azure;
using AzureMlflow.Deploy;

MLClient ml = Connect();
string endpointName = Args.Count > 0 ? Args[0] : "diabetes-script";
await ml.OnlineEndpoints.BeginDeleteAsync(WaitUntil.Completed, endpointName);
Console.WriteLine($"Deleted {endpointName}");
