using System.Diagnostics.Tracing;
using System.Text;
using Azure;
using Azure.Core.Diagnostics;
using AzureMlflow.Deploy.Payloads;
using AzureMlflow.Deploy.Tests.Infrastructure;

namespace AzureMlflow.Deploy.Tests.Integration;

/// <summary>Keys, tokens and SAS signatures never reach the logs, even at verbose level.</summary>
public sealed class SecretHygieneTests : EmulatorTestBase
{
    [Test]
    public async Task VerboseAzureSdkLogsHoldNoKeyTokenOrSasSignature()
    {
        var log = new StringBuilder();
        using (new AzureEventSourceListener((e, message) =>
        {
            lock (log)
            {
                log.AppendLine(message);
            }
        }, EventLevel.Verbose))
        {
            string endpoint = UniqueName("secret");
            Model model = (await Client.Models.CreateOrUpdateAsync(new Model { Name = UniqueName("secret"), Type = ModelType.MlflowModel, Path = SampleModel.Folder })).Value;
            await Client.OnlineEndpoints.BeginCreateOrUpdateAsync(WaitUntil.Completed, new ManagedOnlineEndpoint(endpoint));
            await Client.OnlineDeployments.BeginCreateOrUpdateAsync(WaitUntil.Completed,
                new ManagedOnlineDeployment("blue", endpoint) { Model = model, InstanceType = "Standard_DS3_v2", InstanceCount = 1 });
            await Client.OnlineEndpoints.InvokeAsync(endpoint, ScoringPayload.FromCsvFile(SampleModel.SampleCsv), "blue");
            var keys = (EndpointAuthKeys)(await Client.OnlineEndpoints.GetKeysAsync(endpoint)).Value;

            string text;
            lock (log)
            {
                text = log.ToString();
            }
            Assert.That(text, Does.Contain("/score"), "the listener did capture the scoring requests");
            Assert.That(text, Does.Not.Contain(keys.PrimaryKey));
            Assert.That(text, Does.Not.Contain(keys.SecondaryKey));
            Assert.That(text, Does.Not.Contain("fake-arm-token"));
            Assert.That(System.Text.RegularExpressions.Regex.IsMatch(text, "sig=[A-Za-z0-9%]{10,}"), Is.False, "no SAS signature");
            Assert.That(keys.ToString(), Does.Not.Contain(keys.PrimaryKey));
        }
    }
}
