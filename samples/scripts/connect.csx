// Shared by the scripts: the packages, and an MLClient for Azure or for the local emulator.
// Azure: set AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP and AZUREML_WORKSPACE_NAME (DefaultAzureCredential signs in).
// Emulator: run `azureml-emulator --connection-file emulator.json` (the AzureMlflow.Deploy.Emulator.Tool dotnet tool)
// and point AZUREML_EMULATOR_CONFIG at that file (default: emulator.json in the current folder).
#r "nuget: AzureMlflow.Deploy, 0.1.0-alpha"
#r "nuget: Azure.Identity, 1.21.0"

using System;
using System.IO;
using System.Net.Http;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using AzureMlflow.Deploy;

/// <summary>The folder of the sample files (samples/), found from this script's own path.</summary>
static string SamplesFolder([CallerFilePath] string script = "") => Path.GetDirectoryName(Path.GetDirectoryName(script))!;

static MLClient Connect()
{
    string? subscription = Environment.GetEnvironmentVariable("AZURE_SUBSCRIPTION_ID");
    string? resourceGroup = Environment.GetEnvironmentVariable("AZURE_RESOURCE_GROUP");
    string? workspace = Environment.GetEnvironmentVariable("AZUREML_WORKSPACE_NAME");
    if (!string.IsNullOrEmpty(subscription) && !string.IsNullOrEmpty(resourceGroup) && !string.IsNullOrEmpty(workspace))
    {
        return new MLClient(new DefaultAzureCredential(), subscription, resourceGroup, workspace);
    }

    // The emulator's connection file is a workspace config.json plus its endpoint and the certificate to trust.
    string config = Environment.GetEnvironmentVariable("AZUREML_EMULATOR_CONFIG") ?? "emulator.json";
    using JsonDocument connection = JsonDocument.Parse(File.ReadAllText(config));
    using X509Certificate2 certificate = X509Certificate2.CreateFromPem(connection.RootElement.GetProperty("certificate").GetString());
    string trusted = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    var handler = new SocketsHttpHandler();
    handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
        errors == SslPolicyErrors.None || cert?.GetCertHashString(HashAlgorithmName.SHA256) == trusted;
    return MLClient.FromConfig(
        DelegatedTokenCredential.Create((_, _) => new AccessToken("emulator", DateTimeOffset.UtcNow.AddHours(1))), // any token will do
        config,
        new MLClientOptions
        {
            ResourceManagerEndpoint = new Uri(connection.RootElement.GetProperty("endpoint").GetString()),
            PollingInterval = TimeSpan.FromMilliseconds(100),
            Transport = new HttpClientTransport(handler),
        });
}
