#!/usr/bin/env -S dotnet run
// Registers the sample MLflow model from its folder and deploys it to a managed online endpoint with all the traffic.
//   dotnet run deploy.cs -- [endpoint-name]
// AZUREML_CONNECTION_STRING names the workspace: "SubscriptionId=...;ResourceGroup=...;WorkspaceName=..." for Azure
// (DefaultAzureCredential signs in), or the emulator's, which `azureml-emulator` prints.
#:package AzureMlflow.Deploy@0.1.0-alpha
#:package Azure.Identity@1.21.0
using System.Runtime.CompilerServices;
using Azure;
using Azure.Identity;
using AzureMlflow.Deploy;

string connection = Environment.GetEnvironmentVariable("AZUREML_CONNECTION_STRING") ?? throw new InvalidOperationException("Set AZUREML_CONNECTION_STRING.");
// The emulator (its connection string carries the certificate to trust) takes any token; Azure needs a sign-in.
MLClient ml = MLClient.FromConnectionString(connection, connection.Contains("CertificateHash=", StringComparison.OrdinalIgnoreCase) ? null : new DefaultAzureCredential());
string endpointName = args.Length > 0 ? args[0] : "diabetes-script";

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

// samples/, found from this file's own path (a file-based app is compiled from where it lies).
static string SamplesFolder([CallerFilePath] string script = "") => Path.GetDirectoryName(Path.GetDirectoryName(script))!;
