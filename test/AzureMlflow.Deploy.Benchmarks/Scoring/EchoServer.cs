using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AzureMlflow.Deploy.Benchmarks.Scoring;

/// <summary>
/// The floor's server: minimal Kestrel on a loopback port (plain HTTP/1.1) that reads the whole request body and answers
/// with a one-value prediction list holding the number of bytes it received, as a trivial scorer would.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app, Uri scoringUri)
    {
        _app = app;
        ScoringUri = scoringUri;
    }

    public Uri ScoringUri { get; }

    public static async Task<EchoServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        WebApplication app = builder.Build();
        app.MapPost("/score", async (HttpContext context) =>
        {
            long received = 0;
            while (true)
            {
                System.IO.Pipelines.ReadResult read = await context.Request.BodyReader.ReadAsync(context.RequestAborted);
                received += read.Buffer.Length;
                context.Request.BodyReader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("[" + received.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", context.RequestAborted);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoServer(app, new Uri(address.TrimEnd('/') + "/score"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
