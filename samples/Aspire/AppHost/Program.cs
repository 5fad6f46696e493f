// The sample's app model: an Azure ML workspace, run locally as the workspace emulator with the sample MLflow model
// already deployed, and a web API that scores it through the client integration. `dotnet run --project
// samples/Aspire/AppHost` starts both and the Aspire dashboard (its URL is printed); without RunAsEmulator() the
// workspace is the one ConnectionStrings:ml names.
var builder = DistributedApplication.CreateBuilder(args);

// The model folder is relative to this project's folder.
var ml = builder.AddAzureMLWorkspace("ml")
    .RunAsEmulator(emulator => emulator.WithMlflowDeployment("diabetes", "../../models/diabetes-linear"));

builder.AddProject<Projects.Api>("api")
    .WithReference(ml)
    .WaitFor(ml)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
