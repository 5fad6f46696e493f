using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>
/// The real service, replayed: an HTTPS server on loopback that answers requests with a recording's responses, in the
/// recorded order. Each request must be the next recorded one (method and path); it gets the recorded answer, with the
/// URLs in its headers moved to this server, and datastores pointed at this server too, so the SDK's blob requests come
/// here (path-style, as for any IP endpoint). A request the recording does not have next is answered 404 and reported;
/// recorded requests the SDK skips are reported too. Queries
/// (apart from api-version, which differs by SDK) and bodies (<see cref="BodyDifferences"/>) are compared with the
/// recorded ones and their differences reported. Upload folders are named by a content hash that the recordings
/// sanitize to zeros, so hashes compare as equal.
/// </summary>
internal sealed partial class ReplayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly IReadOnlyList<RecordedExchange> _expected;
    private readonly Lock _gate = new();
    private int _next;

    private ReplayServer(WebApplication app, X509Certificate2 certificate, IReadOnlyList<RecordedExchange> expected)
    {
        _app = app;
        _certificate = certificate;
        _expected = expected;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>What went wrong: requests that were not the next recorded one, and body differences.</summary>
    public List<string> Differences { get; } = [];

    /// <summary>The recorded requests not sent (after the run).</summary>
    public IEnumerable<RecordedExchange> Unsent => _expected.Skip(_next);

    public static async Task<ReplayServer> StartAsync(IReadOnlyList<RecordedExchange> expected)
    {
        X509Certificate2 certificate = LoopbackCertificate();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        WebApplication app = builder.Build();
        var server = new ReplayServer(app, certificate, expected);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>A handler that trusts this server's certificate only.</summary>
    public HttpMessageHandler CreateHandler()
    {
        string trusted = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString(HashAlgorithmName.SHA256) == trusted },
        };
    }

    private async Task AnswerAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string body = WithoutHashes(await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync());
        string path = Uri.UnescapeDataString(request.Path.Value ?? "/");
        if (!path.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            path = path[path.IndexOf('/', 1)..]; // a blob request, path-style: /{account}/{container}/{blob}; the recording's is host-style
        }
        string key = $"{request.Method} {WithoutHashes(path)}";
        RecordedExchange? recorded;
        lock (_gate)
        {
            // The next recorded request, or a later one: those in between the SDK did not send, which is reported.
            int match = Enumerable.Range(_next, _expected.Count - _next).FirstOrDefault(i => Key(_expected[i]) == key, -1);
            if (match < 0)
            {
                Differences.Add($"{request.Method} {ArmShapes.Of(path)}: sent where the service received {(_next < _expected.Count ? _expected[_next].Shape : "nothing more")}");
                recorded = null;
            }
            else
            {
                Differences.AddRange(_expected.Skip(_next).Take(match - _next).Select(e => $"{e.Shape}: the service received it; the SDK did not send it"));
                recorded = _expected[match];
                _next = match + 1;
            }
        }
        if (recorded is null)
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":{"code":"NotRecorded","message":"The replay has no such request here."}}""");
            return;
        }
        lock (_gate)
        {
            string sentQuery = Query(request.QueryString.Value ?? ""), recordedQuery = Query(recorded.Uri.Query);
            if (sentQuery != recordedQuery)
            {
                Differences.Add($"{recorded.Shape}: query '{sentQuery}', the service received '{recordedQuery}'");
            }
            Differences.AddRange(BodyDifferences.Between(recorded, body));
        }

        context.Response.StatusCode = recorded.Status;
        foreach ((string name, string value) in recorded.ResponseHeaders)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = value;
            }
            else
            {
                context.Response.Headers[name] = Uri.TryCreate(value, UriKind.Absolute, out Uri? url) && url.Scheme == "https" ? new Uri(BaseUri, url.PathAndQuery).ToString() : value;
            }
        }
        if (recorded.ResponseBody is JsonNode answer)
        {
            await context.Response.WriteAsync(answer is JsonValue literal && literal.ToString() == "null" ? "null" : PointDatastoresHere(answer).ToJsonString());
        }
    }

    /// <summary>A blob datastore's endpoint and protocol, moved to this server (the SDK then addresses its account by path).</summary>
    private JsonNode PointDatastoresHere(JsonNode answer)
    {
        if (answer["properties"] is JsonObject properties && properties["datastoreType"]?.ToString() == "AzureBlob" && properties.ContainsKey("endpoint"))
        {
            answer = answer.DeepClone();
            answer["properties"]!["endpoint"] = BaseUri.Authority;
            answer["properties"]!["protocol"] = "https";
        }
        return answer;
    }

    /// <summary>Upload folders (<c>LocalUpload/{hash}</c>) with the hash zeroed, as the recordings sanitize it.</summary>
    private static string WithoutHashes(string text) => LocalUploadHash().Replace(text, "LocalUpload/00000000000000000000000000000000");

    [System.Text.RegularExpressions.GeneratedRegex("LocalUpload/[0-9a-f]{32}")]
    private static partial System.Text.RegularExpressions.Regex LocalUploadHash();

    /// <summary>What identifies a request: method and path.</summary>
    private static string Key(RecordedExchange exchange) => $"{exchange.Method} {WithoutHashes(Uri.UnescapeDataString(exchange.Uri.AbsolutePath))}";

    /// <summary>A query without api-version, decoded and in order.</summary>
    private static string Query(string query) => string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(Uri.UnescapeDataString).Where(p => !p.StartsWith("api-version=", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));

    private static X509Certificate2 LoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=replay", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
