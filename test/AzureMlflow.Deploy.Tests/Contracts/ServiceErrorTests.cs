using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using AzureMlflow.Deploy.Core;

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

        var exception = new RequestFailedException(new RecordedResponse(recorded), null, new ServiceErrorParser());

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
        var exception = new RequestFailedException(new RecordedResponse(502, body), null, new ServiceErrorParser());

        Assert.That(exception.Status, Is.EqualTo(502));
        Assert.That(exception.ErrorCode, Is.Null);
    }

    /// <summary>A recorded answer as an Azure.Core <see cref="Response"/>.</summary>
    private sealed class RecordedResponse(int status, string body) : Response
    {
        public RecordedResponse(RecordedExchange recorded)
            : this(recorded.Status, recorded.ResponseBody!.ToJsonString())
        {
        }

        public override int Status => status;
        public override string ReasonPhrase => status == 404 ? "Not Found" : "Error";
        public override Stream? ContentStream { get; set; } = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        public override string ClientRequestId { get; set; } = "test";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => name == "Content-Type";

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [new HttpHeader("Content-Type", "application/json")];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = name == "Content-Type" ? "application/json" : null;
            return value is not null;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = name == "Content-Type" ? ["application/json"] : null;
            return values is not null;
        }
    }
}
