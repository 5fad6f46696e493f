using System.Diagnostics;
using System.Globalization;

namespace AzureMlflow.Deploy.Benchmarks.ColdStart;

// The two cold-start children. Each takes the server info file, trusts the emulator's certificate the same way, makes
// one authenticated GET of the same endpoint resource, and prints how long that took from the start of Main. They are
// kept apart so the raw child never loads the SDK's assemblies.

/// <summary>A fresh process: create an <see cref="MLClient"/> and complete its first <c>OnlineEndpoints.Get</c>.</summary>
internal static class SdkChild
{
    public static async Task<int> RunAsync(string infoPath)
    {
        long start = Stopwatch.GetTimestamp();
        Scoring.ServerInfo info = Scoring.ServerInfo.Load(infoPath);
        long loaded = Stopwatch.GetTimestamp();
        MLClient ml = info.CreateClient();
        OnlineEndpoint endpoint = (await ml.OnlineEndpoints.GetAsync(info.EndpointName)).Value;
        Report("sdk", start, loaded, endpoint.Name);
        return 0;
    }

    internal static void Report(string mode, long start, long loaded, string name)
    {
        long done = Stopwatch.GetTimestamp();
        double ms = Stopwatch.GetElapsedTime(start, done).TotalMilliseconds - Stopwatch.GetElapsedTime(start, loaded).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold-start {mode} ok name={name} main_to_response_ms={ms:F1}"));
    }
}

/// <summary>A fresh process: one <see cref="HttpClient"/> GET of the same resource, with the same bearer header.</summary>
internal static class RawChild
{
    public static async Task<int> RunAsync(string infoPath)
    {
        long start = Stopwatch.GetTimestamp();
        Scoring.ServerInfo info = Scoring.ServerInfo.Load(infoPath);
        long loaded = Stopwatch.GetTimestamp();
        using var client = new HttpClient(info.EmulatorHandler());
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "bench-token");
        string uri = $"{info.EmulatorUri.TrimEnd('/')}/subscriptions/{info.SubscriptionId}/resourceGroups/{info.ResourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/{info.WorkspaceName}/onlineEndpoints/{info.EndpointName}?api-version=2024-04-01";
        using HttpResponseMessage response = await client.GetAsync(uri);
        response.EnsureSuccessStatusCode();
        string body = await response.Content.ReadAsStringAsync();
        SdkChild.Report("raw", start, loaded, body.Contains(info.EndpointName, StringComparison.Ordinal) ? info.EndpointName : "?");
        return 0;
    }
}
