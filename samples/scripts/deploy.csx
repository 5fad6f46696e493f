// Registers the sample MLflow model from its folder and deploys it to a managed online endpoint with all the traffic.
// dotnet script deploy.csx -- [endpoint-name]
#load "connect.csx"
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Azure;
using AzureMlflow.Deploy;

MLClient ml = Connect();
string endpointName = Args.Count > 0 ? Args[0] : "diabetes-script";

Model model = await ml.Models.CreateOrUpdateAsync(new Model
{
    Name = "diabetes-linear",
    Type = ModelType.MlflowModel,
    Path = Path.Combine(SamplesFolder(), "models", "diabetes-linear"),
});
Console.WriteLine($"Registered {model.Name}:{model.Version}");

OnlineEndpoint endpoint = (await ml.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpointName))).Value;
Console.WriteLine($"Endpoint {endpoint.Name}: {endpoint.ScoringUri}");

var blue = new ManagedOnlineDeployment("blue", endpointName) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 };
await ml.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed, blue);
await ml.OnlineEndpoints.BeginUpdateTrafficAsync(WaitUntil.Completed, endpointName, new Dictionary<string, int> { ["blue"] = 100 });
Console.WriteLine($"Deployed blue to {endpointName} with 100% of the traffic");
