using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace AzureMlflow.Deploy.Tests.Mocking;

/// <summary>The minimal <see cref="Response"/> a user writes to return values from mocked operation groups.</summary>
internal sealed class FakeResponse(int status) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => "";

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = "";

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => false;

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = null;
        return false;
    }
}
