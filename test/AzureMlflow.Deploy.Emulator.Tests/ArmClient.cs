using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AzureMlflow.Deploy.Emulator.Tests;

/// <summary>A bare HttpClient speaking ARM to the emulator, so these tests check the wire contract without the SDK.</summary>
internal sealed class ArmClient : IDisposable
{
    public const string ApiVersion = "2024-04-01";
    private readonly HttpClient _http;

    public ArmClient(WorkspaceEmulator emulator, string? token = "test-token")
    {
        _http = new HttpClient(emulator.CreateHttpMessageHandler()) { BaseAddress = emulator.BaseUri };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        Workspace = emulator.WorkspaceResourceId;
    }

    public string Workspace { get; }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathUnderWorkspace, JsonNode? body = null, string? query = null) =>
        SendAbsoluteAsync(method, $"{Workspace}{pathUnderWorkspace}?api-version={ApiVersion}{query}", body);

    public Task<HttpResponseMessage> SendAbsoluteAsync(HttpMethod method, string url, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        return _http.SendAsync(request);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static JsonObject Endpoint(string authMode = "Key", JsonObject? traffic = null) => new()
    {
        ["location"] = "eastus",
        ["identity"] = new JsonObject { ["type"] = "SystemAssigned" },
        ["properties"] = new JsonObject { ["authMode"] = authMode, ["traffic"] = traffic ?? [] },
    };

    public void Dispose() => _http.Dispose();
}
