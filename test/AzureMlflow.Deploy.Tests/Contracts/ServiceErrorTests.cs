using Azure;
using AzureMlflow.Deploy.Core;
using AzureMlflow.Deploy.Tests.Mocking;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>
/// The error bodies the real service sent (the recordings' 404s and 400s) read as callers see them:
/// <see cref="RequestFailedException.ErrorCode"/> is the specific code, and the chain stays in Data and the message.
/// </summary>
public sealed class ServiceErrorTests
{
    public static IEnumerable<TestCaseData> RecordedErrors() =>
        from exchange in ServiceRecordings.Load("errors-not-found-and-bad-request")
        select new TestCaseData(exchange.Index).SetName($"Recorded error {exchange.Index}: {exchange.Shape} {exchange.Status}");

    [TestCaseSource(nameof(RecordedErrors))]
    public void TheSpecificCodeIsTheErrorCodeAndTheChainIsKept(int index)
    {
        RecordedExchange recorded = ServiceRecordings.Load("errors-not-found-and-bad-request").Single(e => e.Index == index);
        (string code, string chain) = recorded.Index switch
        {
            1 => (MLErrorCodes.NoSuchModelRegistered, "UserError > NoSuchModelRegistered"),
            2 => (MLErrorCodes.ModelNotFound, "UserError > ModelNotFound"),
            3 => (MLErrorCodes.EndpointNotFound, "UserError > NotFound > EndpointNotFound"),
            _ => (MLErrorCodes.UserError, ""),
        };

        var exception = new RequestFailedException(RecordedResponse(recorded.Status, recorded.ResponseBody!.ToJsonString()), null, new ServiceErrorParser());

        Assert.That(exception.Status, Is.EqualTo(recorded.Status));
        Assert.That(exception.ErrorCode, Is.EqualTo(code));
        Assert.That(exception.Message, Does.StartWith(recorded.ResponseBody!["error"]!["message"]!.GetValue<string>()));
        if (chain.Length > 0)
        {
            Assert.That(exception.Data[ServiceErrorParser.ErrorCodesKey], Is.EqualTo(chain));
            Assert.That(exception.Message, Does.Contain("ErrorCodes: " + chain));
        }
        else
        {
            Assert.That(exception.Data.Contains(ServiceErrorParser.ErrorCodesKey), Is.False, "a lone top-level code has no chain");
        }
    }

    [TestCase("not json")]
    [TestCase("""{"message": "no envelope"}""")]
    [TestCase("""{"error": "a string"}""")]
    public void BodiesThatAreNotTheEnvelopeLeaveTheDefaults(string body)
    {
        var exception = new RequestFailedException(RecordedResponse(502, body), null, new ServiceErrorParser());

        Assert.That(exception.Status, Is.EqualTo(502));
        Assert.That(exception.ErrorCode, Is.Null);
    }

    /// <summary>A recorded answer as an Azure.Core <see cref="Response"/>.</summary>
    private static FakeResponse RecordedResponse(int status, string body) =>
        new(status) { ContentStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)) };
}
